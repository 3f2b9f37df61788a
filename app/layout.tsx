import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: "Failover Lab",
  description: "Watch a Redis failover while it happens",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
