import NextAuth from 'next-auth';
import { answerAuthPost } from '@/server/auth/login-rate-limit';
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

// Every sign-in, whatever its path after /callback/, goes through the per-address limit.
export function POST(request: Request, context: RouteContext) {
  return answerAuthPost(request, context, handle);
}
