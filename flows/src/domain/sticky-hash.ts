/**
 * A number in [0, 1) that depends only on `key`: FNV-1a (32 bit) over the UTF-16 code units, with a
 * final avalanche so similar keys spread evenly. Pure JS, the same in the browser and on the server,
 * so an A/B split sends a profile down the same branch on every run and every worker.
 */
export function stickyFraction(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  // murmur3's fmix32: FNV alone leaves the high bits poorly mixed for short keys.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 0x1_0000_0000;
}
