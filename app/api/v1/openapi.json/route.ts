// GET /api/v1/openapi.json: the OpenAPI 3.1 document of the public API,
// generated from the zod schemas the handlers validate with
// (lib/validation/reservation.ts), so the two cannot drift apart.
import { z } from "zod";
import { appUrl } from "@/lib/env";
import {
  availabilityQuerySchema,
  availabilityResponseSchema,
  errorResponseSchema,
  librariesResponseSchema,
  reservationRequestSchema,
  reservationResponseSchema,
} from "@/lib/validation/reservation";
import { occupancyResponseSchema } from "@/lib/validation/presence";

export const dynamic = "force-dynamic";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ "application/json": { schema: ref(id) } });
const error = (description: string) => ({ description, content: json("Error") });

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(reservationRequestSchema, { id: "ReservationRequest" });
  registry.add(reservationResponseSchema, { id: "Reservation" });
  registry.add(librariesResponseSchema, { id: "Libraries" });
  registry.add(availabilityResponseSchema, { id: "Availability" });
  registry.add(occupancyResponseSchema, { id: "Occupancy" });
  registry.add(errorResponseSchema, { id: "Error" });
  const { schemas } = z.toJSONSchema(registry, { io: "input", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, s]) => {
      const rest: Record<string, unknown> = { ...s };
      delete rest.$schema;
      delete rest.$id;
      return [id, rest];
    }),
  );
}

function queryParameters() {
  const shape = availabilityQuerySchema.shape;
  return (Object.keys(shape) as Array<keyof typeof shape>).map((name) => {
    const rest: Record<string, unknown> = { ...z.toJSONSchema(shape[name], { io: "input" }) };
    const description = rest.description;
    delete rest.$schema;
    delete rest.description;
    return { name, in: "query", required: !shape[name].safeParse(undefined).success, description, schema: rest };
  });
}

function openApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Strapontin — API publique",
      version: "1.0.0",
      description:
        "Réserver une place en bibliothèque universitaire. Toutes les erreurs ont la forme {\"error\":{\"code\",\"message\",…}} avec un message en français.",
    },
    servers: [{ url: appUrl("/api/v1") }],
    paths: {
      "/libraries": {
        get: {
          operationId: "listLibraries",
          summary: "Les bibliothèques, ouvertes ou non en ce moment",
          responses: { "200": { description: "Les bibliothèques", content: json("Libraries") } },
        },
      },
      "/libraries/{slug}/availability": {
        get: {
          operationId: "getAvailability",
          summary: "Créneaux libres d'un jour, par espace",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }, ...queryParameters()],
          responses: {
            "200": { description: "Créneaux et places libres", content: json("Availability") },
            "404": error("Bibliothèque ou espace inconnu (unknown_library, unknown_area)"),
            "422": error("Date ou durée invalide (validation_failed, past, beyond_horizon)"),
          },
        },
      },
      "/libraries/{slug}/occupancy": {
        get: {
          operationId: "getOccupancy",
          summary: "Occupation en direct : places occupées (présence validée) sur places ouvertes",
          parameters: [{ name: "slug", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": { description: "Occupation maintenant", content: json("Occupancy") },
            "404": error("Bibliothèque inconnue (unknown_library)"),
          },
        },
      },
      "/reservations": {
        post: {
          operationId: "createReservation",
          summary: "Réserver une place, une salle de groupe ou n'importe quelle place libre d'un espace",
          description:
            "Première réservation d'une adresse : statut pending, un e-mail de confirmation part. Adresse déjà confirmée : statut confirmed.",
          requestBody: { required: true, content: json("ReservationRequest") },
          responses: {
            "201": { description: "Réservation créée", content: json("Reservation") },
            "400": error("Corps JSON illisible (malformed_json)"),
            "404": error("Place ou espace inconnu (unknown_resource, unknown_area)"),
            "409": error("Créneau pris ou limite atteinte (slot_taken, no_free_place, daily_limit, overlapping_booking)"),
            "413": error("Corps de plus de 10 Ko (payload_too_large)"),
            "415": error("Content-Type autre que JSON (unsupported_media_type)"),
            "422": error("Champs invalides ou règle de la bibliothèque (validation_failed, past, closed, off_grid, …)"),
            "429": {
              ...error("Trop de tentatives (rate_limited)"),
              headers: { "Retry-After": { description: "Secondes avant de réessayer", schema: { type: "integer" } } },
            },
          },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
