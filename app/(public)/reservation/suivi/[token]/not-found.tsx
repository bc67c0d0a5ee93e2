// A forged, mistyped or unknown link token: 404 with a plain explanation.
import { InvalidLinkPage } from "@/components/link-problem";

export default function NotFound() {
  return <InvalidLinkPage />;
}
