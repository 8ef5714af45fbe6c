import NextAuth from 'next-auth';
import { limitLoginAttempts, isCredentialsSignIn } from '@/server/auth/login-rate-limit';
import { authOptionsFor } from '@/server/auth/options';

export const dynamic = 'force-dynamic';

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options per request: whether the cookies set are Secure depends on how the request arrived.
function handle(request: Request, context: RouteContext): Promise<Response> {
  return NextAuth(authOptionsFor(request))(request, context);
}

export function GET(request: Request, context: RouteContext) {
  return handle(request, context);
}

export function POST(request: Request, context: RouteContext) {
  if (isCredentialsSignIn(request)) return limitLoginAttempts(request, () => handle(request, context));
  return handle(request, context);
}
