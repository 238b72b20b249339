import type { z } from 'zod';
import type { FieldSettings as FieldSettingsSchema } from '@server/features/field/field.schema';
import { api } from '../../../lib/api-client';

export type FieldSettings = z.infer<typeof FieldSettingsSchema>;

export const fetchFieldSettings = () => api.get<FieldSettings>('/api/field/settings');
export const saveFieldSettings = (body: FieldSettings) => api.put<FieldSettings>('/api/field/settings', body);
