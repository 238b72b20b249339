import { useCallback, useState } from 'react';

export type Fix = { lat: number; lng: number; accuracyM: number };

/** A fix worse than this is probably the phone guessing from cell towers, not GPS. */
export const GOOD_ACCURACY_M = 50;

const REASONS: Record<number, string> = {
  1: '未允许本网站获取位置，请在浏览器或手机设置中允许定位后重试',
  2: '暂时无法获取位置，请到室外开阔处或打开手机 GPS 后重试',
  3: '定位超时，请到室外开阔处后重试',
};

/** The device's position, asked for on demand (a grid worker standing at the door). */
export function useGeolocation() {
  const [locating, setLocating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const locate = useCallback(
    () =>
      new Promise<Fix | null>((resolve) => {
        setError(null);
        if (!('geolocation' in navigator)) {
          setError('此浏览器不支持定位');
          resolve(null);
          return;
        }
        if (!window.isSecureContext) {
          setError('定位须通过 HTTPS 访问本平台，请联系管理员');
          resolve(null);
          return;
        }
        setLocating(true);
        navigator.geolocation.getCurrentPosition(
          (pos) => {
            setLocating(false);
            resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude, accuracyM: Math.round(pos.coords.accuracy) });
          },
          (err) => {
            setLocating(false);
            setError(REASONS[err.code] ?? '无法获取位置');
            resolve(null);
          },
          { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
        );
      }),
    [],
  );

  return { locate, locating, error };
}
