// The audit log, for admins only: every write in Vigie, who made it and when.
import { adminProcedure, createTRPCRouter } from '@/server/trpc/init';
import { auditListInput } from './audit-input';
import { auditFilterOptions, listAuditPage } from './audit-log';

export const auditRouter = createTRPCRouter({
  list: adminProcedure.input(auditListInput).query(({ ctx, input }) => listAuditPage(ctx.db, input)),
  filters: adminProcedure.query(({ ctx }) => auditFilterOptions(ctx.db)),
});
