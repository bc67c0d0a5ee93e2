/** French labels of resource features. */
export const FEATURE_LABELS: Record<string, string> = {
  power_outlet: "prise électrique",
  silent: "zone silencieuse",
  accessible: "place accessible (PMR)",
  screen: "écran",
};

export const featureLabel = (f: string) => FEATURE_LABELS[f] ?? f;
