/** A handful of 16px stroke icons, drawn inline so nothing loads from elsewhere. */
const PATHS = {
  copy: 'M5.5 5.5V3.25c0-.69.56-1.25 1.25-1.25h6c.69 0 1.25.56 1.25 1.25v6c0 .69-.56 1.25-1.25 1.25H10.5M3.25 5.5h6c.69 0 1.25.56 1.25 1.25v6c0 .69-.56 1.25-1.25 1.25h-6C2.56 14 2 13.44 2 12.75v-6c0-.69.56-1.25 1.25-1.25Z',
  check: 'M3 8.5 6.5 12 13 4.5',
  chevronRight: 'M6 3.5 10.5 8 6 12.5',
  chevronDown: 'M3.5 6 8 10.5 12.5 6',
  search: 'M7 12.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM14.5 14.5 11 11',
  x: 'M4 4l8 8M12 4l-8 8',
  alert: 'M8 5.5v3.25M8 11v.01M6.86 2.58 1.7 11.5A1.3 1.3 0 0 0 2.83 13.5h10.34a1.3 1.3 0 0 0 1.13-2L9.14 2.58a1.3 1.3 0 0 0-2.28 0Z',
  refresh: 'M13.5 8a5.5 5.5 0 1 1-1.61-3.89M13.5 2.5v3h-3',
  stop: 'M4.5 4.5h7v7h-7z',
  upload: 'M8 10.5V2.5M4.75 5.75 8 2.5l3.25 3.25M2.5 10.5v2A1.5 1.5 0 0 0 4 14h8a1.5 1.5 0 0 0 1.5-1.5v-2',
  arrowLeft: 'M13 8H3M7 4 3 8l4 4',
  arrowRight: 'M3 8h10M9 4l4 4-4 4',
  play: 'M5 3.5v9l7-4.5-7-4.5Z',
  dot: 'M8 8h.01',
  send: 'M14 2 7.5 8.5M14 2l-4.25 12-2.25-5.5L2 6.25 14 2Z',
  external: 'M9.5 2.5h4v4M13.5 2.5 7.5 8.5M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
