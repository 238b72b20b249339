/** The platform's mark: a water drop over a sealed wellhead. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1a5fb4" />
      <path d="M16 5.5c-4.2 5.6-7.2 9.4-7.2 13.2a7.2 7.2 0 0 0 14.4 0c0-3.8-3-7.6-7.2-13.2z" fill="#8fd0ff" />
      <rect x="8.5" y="21.5" width="15" height="3.2" rx="1.6" fill="#ffffff" />
    </svg>
  );
}

export const PRODUCT_NAME = '自备井封停工作平台';
export const OFFICE_NAME = '市中心城区自备井封停及南水北调水源置换工作领导小组办公室';
