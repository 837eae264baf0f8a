/**
 * FNV-1a, 32 bits, over UTF-16 code units: the one string hash of the project. The learned models'
 * feature ids (src/model/featurizer.ts: hashString, hashInt32) and the tokenizer's chunk table
 * (src/text/chunk-cache.ts, which hashes each chunk while it scans for the chunk's edges) step it
 * with these constants: hash = Math.imul(hash ^ unit, FNV_PRIME), from FNV_OFFSET.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
