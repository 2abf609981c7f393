import type { CSSProperties } from 'react';
import type { FormTheme } from '../../contracts/index.ts';

/**
 * The form's colours as the design system's custom properties, scoped to the form: buttons, focus rings
 * and selected options take the primary colour, text and surfaces the text and background colours.
 */
export function themeStyle(theme: FormTheme): CSSProperties {
  const { primaryColor, backgroundColor, textColor, buttonTextColor, fontFamily } = theme;
  return {
    '--pf-bg': backgroundColor,
    '--ui-color-bg': backgroundColor,
    '--ui-color-surface': backgroundColor,
    '--ui-color-text': textColor,
    '--ui-color-text-muted': `color-mix(in srgb, ${textColor} 72%, ${backgroundColor})`,
    '--ui-color-text-subtle': `color-mix(in srgb, ${textColor} 60%, ${backgroundColor})`,
    '--ui-color-border': `color-mix(in srgb, ${textColor} 16%, ${backgroundColor})`,
    '--ui-color-border-strong': `color-mix(in srgb, ${textColor} 32%, ${backgroundColor})`,
    '--ui-color-accent': primaryColor,
    '--ui-color-accent-hover': `color-mix(in srgb, ${primaryColor} 85%, black)`,
    '--ui-color-accent-subtle': `color-mix(in srgb, ${primaryColor} 12%, ${backgroundColor})`,
    '--ui-color-accent-text': `color-mix(in srgb, ${primaryColor} 80%, ${textColor})`,
    '--ui-color-text-on-accent': buttonTextColor,
    '--ui-focus-ring': `0 0 0 2px ${backgroundColor}, 0 0 0 4px ${primaryColor}`,
    color: textColor,
    background: backgroundColor,
    ...(fontFamily ? { fontFamily } : {}),
  } as CSSProperties;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1 to 21); 4.5 is the minimum for body text. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
