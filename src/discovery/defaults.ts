/**
 * Discovery's defaults, in a module of their own so the command line can show them in --help
 * without loading the text pipeline (discovery/index.ts exports them with the rest).
 */

/**
 * Comments the clustering is fitted on; the rest are assigned to the fitted centroids in a
 * streaming pass. 30k keeps k-means under ~10 s on 2 cores and holds every theme above 0.2%.
 */
export const DEFAULT_SAMPLE_SIZE = 30_000;

/** Default cap on the number of themes. */
export const DEFAULT_MAX_THEMES = 50;
