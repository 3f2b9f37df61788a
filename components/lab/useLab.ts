"use client";
import { useEffect, useReducer, useState } from "react";
import { dashboardReducer, initialDashboardState } from "@/lib/clientState";
import { LabConnection } from "./LabConnection";

const TOKEN_KEY = "failover-lab-token";

/**
 * The instructor's token arrives once in the URL (`?token=…`); it is kept in sessionStorage and removed from
 * the address bar so it is not projected on the classroom screen.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.toString());
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function useLab() {
  const [state, dispatch] = useReducer(dashboardReducer, initialDashboardState);
  const [connection, setConnection] = useState<LabConnection | null>(null);
  const [tokenRejected, setTokenRejected] = useState(false);

  useEffect(() => {
    const url = new URL(window.location.href);
    const conn = new LabConnection(
      dispatch,
      { token: takeToken(), name: url.searchParams.get("name") },
      () => {
        // Forget the token: a reload should not try it again, and the notice says what happened.
        sessionStorage.removeItem(TOKEN_KEY);
        setTokenRejected(true);
      },
    );
    setConnection(conn);
    return () => conn.close();
  }, []);

  return { state, connection, tokenRejected };
}
