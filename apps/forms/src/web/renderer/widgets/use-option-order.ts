import { useState } from 'react';

/** A small seeded generator (mulberry32), so a shuffle stays put while the respondent answers. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The order to show `count` options in: as configured, or (`randomize`) shuffled once per visit, so
 * respondents do not all favour the first option.
 */
export function useOptionOrder(count: number, randomize: boolean): number[] {
  const [seed] = useState(() => Math.floor(Math.random() * 2 ** 32));
  const order = Array.from({ length: count }, (_, index) => index);
  if (!randomize) return order;
  const random = generator(seed);
  for (let index = order.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other]!, order[index]!];
  }
  return order;
}
