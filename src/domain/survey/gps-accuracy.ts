/**
 * 定位精度上限: a phone warns about a GPS fix less accurate than this (metres), set by the city
 * office for every phone. Whole metres; below 5 m no phone gets a fix, above 1000 m the point says
 * nothing about which house or well it is.
 */
export const GPS_ACCURACY_LIMIT = { defaultM: 50, minM: 5, maxM: 1000 } as const;
