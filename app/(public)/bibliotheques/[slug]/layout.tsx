import { notFound } from "next/navigation";
import { libraryExists } from "@/lib/data/libraries";

// The existence check runs here, outside this segment's loading.tsx boundary,
// so that an unknown library answers a real 404 before the page streams.
export default async function LibraryLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!(await libraryExists(slug))) notFound();
  return children;
}
