import { lacksTapAccount, pledgeStatus } from '../../../domain/survey/card.js';
import { maskPhone } from '../../../domain/shared/masking.js';
import { PHOTO_DISTANCE_LIMIT_M } from '../../../domain/well/well.js';
import type { CardView, PhotoView } from './survey.schema.js';
import type { CardRecord } from './survey.repo.js';

type PhotoRow = { id: number; ownerType: 'card' | 'pledge' | 'well' | 'tip' | 'inspection' | 'finding'; ownerId: number; fileName: string; mime: string; sizeBytes: number; uploadedAt: Date; stage: string | null; distanceM: number | null };

export function presentPhoto(p: PhotoRow): PhotoView {
  return {
    id: p.id, ownerType: p.ownerType, stage: p.stage, distanceM: p.distanceM === null ? null : Math.round(p.distanceM),
    farFromWell: p.distanceM !== null && p.distanceM > PHOTO_DISTANCE_LIMIT_M,
    fileName: p.fileName, mime: p.mime, sizeBytes: p.sizeBytes, uploadedAt: p.uploadedAt.toISOString(), url: `/api/photos/${p.id}`,
  };
}

export function presentCard(c: CardRecord, photos: readonly PhotoRow[]): CardView {
  return {
    id: c.id,
    gridId: c.gridId,
    gridCode: c.gridCode,
    gridName: c.gridName,
    kind: c.kind,
    name: c.name,
    address: c.address,
    contactName: c.contactName,
    // masked (PIPL); the full number through POST /api/personal-info/reveal, audited
    contactPhone: maskPhone(c.contactPhone),
    industry: c.industry,
    tapAccounts: c.tapAccounts,
    households: c.households,
    persons: c.persons,
    beds: c.beds,
    areaM2: c.areaM2,
    wellsDeclared: c.wellsDeclared,
    waterSource: c.waterSource,
    lat: c.lat,
    lng: c.lng,
    gpsAccuracyM: c.gpsAccuracyM,
    surveyedBy: c.surveyedBy,
    surveyedOn: c.surveyedOn,
    remarks: c.remarks,
    pledgeSigned: c.pledgeSigned,
    pledgeStamped: c.pledgeStamped,
    pledgeDate: c.pledgeDate,
    pledgeStatus: pledgeStatus(c),
    lacksTapAccount: lacksTapAccount(c),
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
    photos: photos.filter((p) => p.ownerId === c.id && (p.ownerType === 'card' || p.ownerType === 'pledge')).map(presentPhoto),
  };
}

/** The fields of a card kept in its version history. */
export function cardSnapshot(c: CardRecord): Record<string, unknown> {
  const { updatedAt: _u, version: _v, gridPath: _p, ...rest } = c;
  return rest;
}

/** A card's snapshot as the audit log and the version history show it: the phone masked. */
export function maskedSnapshot(data: Record<string, unknown>): Record<string, unknown> {
  return typeof data.contactPhone === 'string' ? { ...data, contactPhone: maskPhone(data.contactPhone) } : data;
}
