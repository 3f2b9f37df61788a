import { Dashboard } from "@/components/Dashboard";

// Rendered per request so that Next.js can put each response's CSP nonce on its inline scripts.
export const dynamic = "force-dynamic";

export default function Page() {
  return <Dashboard />;
}
