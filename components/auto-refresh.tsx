"use client";
// Re-renders the (server) page after `seconds`: the kiosk's rotating code.
// A kiosk screen is a display nobody reads under time pressure; the refresh
// keeps the page, its scroll and focus (no full reload, unlike <meta refresh>).
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setTimeout(() => router.refresh(), seconds * 1000);
    return () => clearTimeout(timer);
  }, [router, seconds]);
  return null;
}
