/**
 * The device's location, rounded to 3 decimal places (about 100 m) before anything else sees it:
 * the unrounded position never leaves this function.
 */

export type LocationResult =
  | { kind: 'ok'; lat: string; lng: string }
  | { kind: 'denied' | 'unavailable' | 'timeout' | 'unsupported' };

/** 3 decimal places of latitude is about 111 m; of longitude at UK latitudes, about 65–70 m. */
const roundTo3 = (value: number): string => (Math.round(value * 1000) / 1000).toFixed(3);

export const canLocate = (): boolean => 'geolocation' in navigator;

export function locateRounded(): Promise<LocationResult> {
  if (!canLocate()) return Promise.resolve({ kind: 'unsupported' });
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ kind: 'ok', lat: roundTo3(position.coords.latitude), lng: roundTo3(position.coords.longitude) }),
      (error) =>
        resolve({
          kind:
            error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable',
        }),
      // Rounded to 100 m anyway, so a quick, coarse fix is better than a slow, precise one.
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 5 * 60_000 },
    );
  });
}

/** What to tell the person when their location could not be used. */
export function locationProblem(kind: Exclude<LocationResult['kind'], 'ok'>): string {
  switch (kind) {
    case 'denied':
      return 'This site is not allowed to use your location. Enter a postcode instead, or allow location in your browser settings.';
    case 'timeout':
      return 'Finding your location took too long. Enter a postcode instead, or try again.';
    case 'unsupported':
      return 'Your browser cannot share your location. Enter a postcode instead.';
    default:
      return 'We could not find your location. Enter a postcode instead, or try again.';
  }
}
