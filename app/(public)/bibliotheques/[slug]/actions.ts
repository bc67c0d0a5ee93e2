"use server";
// Server actions of the library page: book, and resend the confirmation email.
// The work is in ./booking.ts (testable without a request); here: who asks
// (rate-limit key), the outbox kick after a write, and the page refresh.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { BookingState, ResendState } from "@/components/booking-form";
import { kickOutbox } from "@/lib/email/kick";
import { clientKey } from "@/lib/security/client";
import { submitBooking, submitResend } from "./booking";

export async function bookAction(_prev: BookingState, form: FormData): Promise<BookingState> {
  const state = await submitBooking(form, { clientKey: clientKey(await headers()), now: new Date() });
  if (state.status === "booked") {
    kickOutbox();
    // The slot list shows one place fewer.
    const slug = form.get("slug");
    if (typeof slug === "string") revalidatePath(`/bibliotheques/${slug}`);
  }
  return state;
}

export async function resendAction(_prev: ResendState, form: FormData): Promise<ResendState> {
  const state = await submitResend(form, { clientKey: clientKey(await headers()), now: new Date() });
  if (state.status === "sent") kickOutbox();
  return state;
}
