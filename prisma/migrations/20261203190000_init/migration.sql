-- Strapontin, initial schema. Hand-written in Prisma's layout (see docs/architecture.md);
-- tests/integration/drift.test.ts checks it against prisma/schema.prisma.

-- CreateEnum
CREATE TYPE "resource_kind" AS ENUM ('seat', 'group_room');
CREATE TYPE "reservation_status" AS ENUM ('pending', 'confirmed', 'validated', 'cancelled', 'expired', 'no_show');
CREATE TYPE "actor" AS ENUM ('student', 'staff', 'system');
CREATE TYPE "token_purpose" AS ENUM ('confirm', 'cancel', 'view');
CREATE TYPE "outbox_status" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "library" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'Europe/Paris',
    "establishment_code" TEXT NOT NULL,
    "confirmation_window_minutes" INTEGER NOT NULL DEFAULT 120,
    "validation_window_minutes" INTEGER NOT NULL DEFAULT 20,
    "validation_opens_before_minutes" INTEGER NOT NULL DEFAULT 15,
    "reminder_before_minutes" INTEGER NOT NULL DEFAULT 60,
    "booking_horizon_days" INTEGER NOT NULL DEFAULT 14,
    "max_reservations_per_day" INTEGER NOT NULL DEFAULT 2,
    "allowed_email_domains" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rotating_code_enabled" BOOLEAN NOT NULL DEFAULT false,
    "rotating_code_secret" TEXT NOT NULL,
    "staff_secret_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "library_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "library_windows_check" CHECK ("confirmation_window_minutes" > 0 AND "validation_window_minutes" > 0
        AND "validation_opens_before_minutes" >= 0 AND "reminder_before_minutes" >= 0
        AND "booking_horizon_days" BETWEEN 0 AND 366 AND "max_reservations_per_day" > 0)
);

CREATE TABLE "area" (
    "id" UUID NOT NULL,
    "library_id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "slot_minutes" INTEGER NOT NULL DEFAULT 60,
    "min_duration_minutes" INTEGER NOT NULL DEFAULT 60,
    "max_duration_minutes" INTEGER NOT NULL DEFAULT 240,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "area_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "area_grid_check" CHECK ("slot_minutes" > 0 AND "slot_minutes" % 15 = 0
        AND "min_duration_minutes" % "slot_minutes" = 0 AND "max_duration_minutes" % "slot_minutes" = 0
        AND "min_duration_minutes" > 0 AND "max_duration_minutes" >= "min_duration_minutes")
);

CREATE TABLE "resource" (
    "id" UUID NOT NULL,
    "library_id" UUID NOT NULL,
    "area_id" UUID NOT NULL,
    "kind" "resource_kind" NOT NULL,
    "label" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "features" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "resource_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "resource_capacity_check" CHECK ("capacity" > 0)
);

CREATE TABLE "opening_hours" (
    "id" UUID NOT NULL,
    "library_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "opens_at" INTEGER NOT NULL,
    "closes_at" INTEGER NOT NULL,

    CONSTRAINT "opening_hours_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "opening_hours_check" CHECK ("weekday" BETWEEN 1 AND 7 AND "opens_at" >= 0
        AND "closes_at" <= 1440 AND "opens_at" < "closes_at")
);

CREATE TABLE "special_hours" (
    "id" UUID NOT NULL,
    "library_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "opens_at" INTEGER NOT NULL,
    "closes_at" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "special_hours_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "special_hours_check" CHECK ("opens_at" >= 0 AND "closes_at" <= 1440 AND "opens_at" < "closes_at")
);

CREATE TABLE "closure" (
    "id" UUID NOT NULL,
    "library_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "closure_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "closure_check" CHECK ("starts_at" < "ends_at")
);

CREATE TABLE "booker" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "confirmed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booker_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "booker_email_check" CHECK ("email" = lower(btrim("email")))
);

CREATE TABLE "reservation" (
    "id" UUID NOT NULL,
    "library_id" UUID NOT NULL,
    "resource_id" UUID NOT NULL,
    "booker_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "starts_at" TIMESTAMPTZ(3) NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "reservation_status" NOT NULL,
    "confirm_deadline" TIMESTAMPTZ(3),
    "validation_deadline" TIMESTAMPTZ(3) NOT NULL,
    "reminder_at" TIMESTAMPTZ(3),
    "reminder_sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmed_at" TIMESTAMPTZ(3),
    "validated_at" TIMESTAMPTZ(3),
    "cancelled_at" TIMESTAMPTZ(3),
    "expired_at" TIMESTAMPTZ(3),
    "no_show_at" TIMESTAMPTZ(3),
    "cancelled_by" "actor",
    "cancel_reason" TEXT,
    "validated_by" "actor",

    CONSTRAINT "reservation_pkey" PRIMARY KEY ("id"),
    -- Reservations cover whole 15-minute units: the unit of reservation_slot.
    CONSTRAINT "reservation_period_check" CHECK ("starts_at" < "ends_at"
        AND (extract(epoch FROM "starts_at")::bigint % 900) = 0
        AND (extract(epoch FROM "ends_at")::bigint % 900) = 0),
    CONSTRAINT "reservation_pending_deadline_check" CHECK ("status" <> 'pending' OR "confirm_deadline" IS NOT NULL)
);

CREATE TABLE "reservation_slot" (
    "resource_id" UUID NOT NULL,
    "slot_start" TIMESTAMPTZ(3) NOT NULL,
    "reservation_id" UUID NOT NULL,

    CONSTRAINT "reservation_slot_pkey" PRIMARY KEY ("resource_id","slot_start")
);

CREATE TABLE "action_token" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "purpose" "token_purpose" NOT NULL,
    "reservation_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "action_token_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "reservation_event" (
    "id" UUID NOT NULL,
    "reservation_id" UUID NOT NULL,
    "from_status" "reservation_status",
    "to_status" "reservation_status" NOT NULL,
    "actor" "actor" NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reservation_event_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "email_outbox" (
    "id" UUID NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "reservation_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "status" "outbox_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "dev_mail" (
    "id" UUID NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dev_mail_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "rate_limit" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "library_slug_key" ON "library"("slug");
CREATE UNIQUE INDEX "library_establishment_code_key" ON "library"("establishment_code");
CREATE UNIQUE INDEX "area_library_id_slug_key" ON "area"("library_id", "slug");
CREATE INDEX "resource_library_id_idx" ON "resource"("library_id");
CREATE UNIQUE INDEX "resource_area_id_label_key" ON "resource"("area_id", "label");
CREATE INDEX "opening_hours_library_id_weekday_idx" ON "opening_hours"("library_id", "weekday");
CREATE INDEX "special_hours_library_id_date_idx" ON "special_hours"("library_id", "date");
CREATE INDEX "closure_library_id_ends_at_idx" ON "closure"("library_id", "ends_at");
CREATE UNIQUE INDEX "booker_email_key" ON "booker"("email");
CREATE INDEX "reservation_library_id_starts_at_idx" ON "reservation"("library_id", "starts_at");
CREATE INDEX "reservation_booker_id_starts_at_idx" ON "reservation"("booker_id", "starts_at");
CREATE INDEX "reservation_slot_reservation_id_idx" ON "reservation_slot"("reservation_id");
CREATE UNIQUE INDEX "action_token_token_hash_key" ON "action_token"("token_hash");
CREATE INDEX "action_token_reservation_id_idx" ON "action_token"("reservation_id");
CREATE INDEX "reservation_event_reservation_id_idx" ON "reservation_event"("reservation_id");
CREATE UNIQUE INDEX "email_outbox_dedupe_key_key" ON "email_outbox"("dedupe_key");
CREATE INDEX "email_outbox_status_next_attempt_at_idx" ON "email_outbox"("status", "next_attempt_at");
CREATE INDEX "dev_mail_recipient_created_at_idx" ON "dev_mail"("recipient", "created_at");

-- Partial indexes the background pass claims its work with (not expressible in schema.prisma).
CREATE INDEX "reservation_pending_deadline_idx" ON "reservation"("confirm_deadline") WHERE "status" = 'pending';
CREATE INDEX "reservation_confirmed_deadline_idx" ON "reservation"("validation_deadline") WHERE "status" = 'confirmed';
CREATE INDEX "reservation_reminder_due_idx" ON "reservation"("reminder_at") WHERE "reminder_sent_at" IS NULL AND "status" IN ('pending', 'confirmed');

-- AddForeignKey
ALTER TABLE "area" ADD CONSTRAINT "area_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "library"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "resource" ADD CONSTRAINT "resource_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "library"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "resource" ADD CONSTRAINT "resource_area_id_fkey" FOREIGN KEY ("area_id") REFERENCES "area"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "library"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "special_hours" ADD CONSTRAINT "special_hours_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "library"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "closure" ADD CONSTRAINT "closure_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "library"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_library_id_fkey" FOREIGN KEY ("library_id") REFERENCES "library"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_booker_id_fkey" FOREIGN KEY ("booker_id") REFERENCES "booker"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation_slot" ADD CONSTRAINT "reservation_slot_resource_id_fkey" FOREIGN KEY ("resource_id") REFERENCES "resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation_slot" ADD CONSTRAINT "reservation_slot_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "action_token" ADD CONSTRAINT "action_token_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reservation_event" ADD CONSTRAINT "reservation_event_reservation_id_fkey" FOREIGN KEY ("reservation_id") REFERENCES "reservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- No double booking, kept by the database. A live reservation (pending, confirmed,
-- validated) holds one reservation_slot row per 15-minute unit of its period; the
-- primary key (resource_id, slot_start) forbids two holders of one unit. Triggers
-- keep the rows in step with the status, so no code path can forget them; a plain
-- UNIQUE works on distributed PostgreSQL-compatible engines that lack EXCLUDE/GiST.
CREATE FUNCTION "reservation_hold_slots"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW."status" IN ('pending', 'confirmed', 'validated') THEN
        INSERT INTO "reservation_slot" ("resource_id", "slot_start", "reservation_id")
        SELECT NEW."resource_id", u, NEW."id"
        FROM generate_series(NEW."starts_at", NEW."ends_at" - interval '15 minutes', interval '15 minutes') AS u;
    END IF;
    RETURN NEW;
END
$fn$;

CREATE FUNCTION "reservation_release_slots"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF NEW."resource_id" <> OLD."resource_id" OR NEW."starts_at" <> OLD."starts_at" OR NEW."ends_at" <> OLD."ends_at" THEN
        RAISE EXCEPTION 'a reservation''s resource and period cannot change' USING ERRCODE = 'check_violation';
    END IF;
    IF OLD."status" IN ('pending', 'confirmed', 'validated') AND NEW."status" NOT IN ('pending', 'confirmed', 'validated') THEN
        DELETE FROM "reservation_slot" WHERE "reservation_id" = NEW."id";
    ELSIF OLD."status" NOT IN ('pending', 'confirmed', 'validated') AND NEW."status" IN ('pending', 'confirmed', 'validated') THEN
        RAISE EXCEPTION 'an ended reservation cannot become live again' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$fn$;

CREATE TRIGGER "reservation_hold_slots" AFTER INSERT ON "reservation"
    FOR EACH ROW EXECUTE FUNCTION "reservation_hold_slots"();
CREATE TRIGGER "reservation_release_slots" AFTER UPDATE OF "status", "resource_id", "starts_at", "ends_at" ON "reservation"
    FOR EACH ROW EXECUTE FUNCTION "reservation_release_slots"();

-- A second guard where the engine has GiST: no two live reservations of one resource overlap.
DO $guard$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gist') THEN
        CREATE EXTENSION IF NOT EXISTS btree_gist;
        ALTER TABLE "reservation" ADD CONSTRAINT "reservation_no_overlap"
            EXCLUDE USING gist ("resource_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
            WHERE ("status" IN ('pending', 'confirmed', 'validated'));
    END IF;
END
$guard$;
