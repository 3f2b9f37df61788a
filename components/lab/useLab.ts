"use client";
import { useEffect, useReducer, useState } from "react";
import { dashboardReducer, initialDashboardState } from "@/lib/clientState";
import { NAME_KEY, setStored } from "../classroom/stored";
import { LabConnection } from "./LabConnection";
import { SampleStore } from "./sampleStore";

const TOKEN_KEY = "failover-lab-token";
const CLIENT_KEY = "failover-lab-client";

/** This browser's own id: the server keeps a display name for the browser that took it first. */
function clientId(): string {
  let id = localStorage.getItem(CLIENT_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(CLIENT_KEY, id);
  }
  return id;
}

/** `?name=` once, else the name picked on an earlier visit (kept in the browser, changeable). */
function displayName(url: URL): string | null {
  const fromUrl = url.searchParams.get("name");
  if (fromUrl) setStored(NAME_KEY, fromUrl);
  return localStorage.getItem(NAME_KEY);
}

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
  const [samples] = useState(() => new SampleStore());
  const [connection, setConnection] = useState<LabConnection | null>(null);
  const [tokenRejected, setTokenRejected] = useState(false);

  useEffect(() => {
    const url = new URL(window.location.href);
    const conn = new LabConnection(
      dispatch,
      samples,
      { token: takeToken(), name: displayName(url), clientId: clientId() },
      () => {
        // Forget the token: a reload should not try it again, and the notice says what happened.
        sessionStorage.removeItem(TOKEN_KEY);
        setTokenRejected(true);
      },
    );
    setConnection(conn);
    return () => conn.close();
  }, [samples]);

  return { state, samples, connection, tokenRejected };
}
