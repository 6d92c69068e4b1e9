/**
 * The rubric score 台账评分: the scoring weights of the campaign config (《鹿城区精品社区目标责任制
 * 评分细则》, `scoring`) applied to the status table and the inspection record. It is shown next to
 * the inspection score (the score used for ranking) so that a leader sees both what inspectors
 * gave and what the ledger says. Each part is a fulfilment 0–1 times its weight:
 * - facilities 配套设施: items of 五室三站二栏一校一场所 in place / 12;
 * - environment 环境: mean of stairway lighting (rate / threshold, at most 1) and five disorders
 *   (1 − open cases / 10, at least 0; each open case costs a tenth);
 * - safety 治安: mean of police in place (一区一警 or 一区二警), drug-free, safe estate;
 * - services 服务: the three stations in place / 3 (service, medical, family-planning);
 * - supervision 督查整改: problems rectified / problems found over the inspections so far (1 when none found).
 * A part whose inputs are unknown is left out and the other weights are rescaled to 100.
 */
import type { CommunityStatus, FacilityKey } from '../model.ts';
import { facilityCount, FACILITY_ITEMS } from '../model.ts';
import type { CampaignConfig } from '../parse/campaign-config.ts';

export type RubricKey = keyof CampaignConfig['scoring'];

export const RUBRIC_LABELS: Readonly<Record<RubricKey, string>> = {
  facilities: '配套设施',
  environment: '环境',
  safety: '治安',
  services: '服务',
  supervision: '督查整改',
};

export interface RubricPart {
  key: RubricKey;
  label: string;
  /** Weight from the config (points out of the sum of weights). */
  weight: number;
  /** Fulfilment 0–1; null when its inputs are unknown. */
  value: number | null;
  /** weight × value, null when unknown. */
  points: number | null;
  /** What the value is made of, in Chinese (e.g. `11/12 项`). */
  detail: string;
}

export interface RubricScore {
  /** 0–100 with one decimal; null without a status row or with all weights zero. */
  score: number | null;
  parts: RubricPart[];
}

/** Problems found and rectified over a community's inspections up to a date. */
export interface SupervisionRecord {
  found: number;
  rectified: number;
  inspections: number;
}

const STATIONS: readonly FacilityKey[] = ['serviceStation', 'medicalStation', 'familyPlanningStation'];
const DISORDERS_AT_ZERO = 10;

const mean = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
};

/** The rubric score and its parts for one community (status null gives score null, parts unknown). */
export function rubricScore(status: CommunityStatus | null, supervision: SupervisionRecord, config: CampaignConfig): RubricScore {
  const values: Record<RubricKey, { value: number | null; detail: string }> = status
    ? {
        facilities: { value: facilityCount(status) / FACILITY_ITEMS.length, detail: `${facilityCount(status)}/${FACILITY_ITEMS.length} 项` },
        environment: {
          value: mean([status.lightingRate === null ? null : Math.min(1, status.lightingRate / config.lightingThreshold), Math.max(0, 1 - status.openDisorders / DISORDERS_AT_ZERO)]),
          detail: `亮灯率 ${status.lightingRate === null ? '未填' : `${Math.round(status.lightingRate * 1000) / 10}%`}，五乱 ${status.openDisorders} 处`,
        },
        safety: {
          value: ((status.police !== 'none' ? 1 : 0) + (status.drugFree ? 1 : 0) + (status.safeEstate ? 1 : 0)) / 3,
          detail: [status.police !== 'none' ? '警务到位' : '警务未落实', status.drugFree ? '无毒社区' : '非无毒社区', status.safeEstate ? '安全小区' : '非安全小区'].join('、'),
        },
        services: { value: STATIONS.filter((key) => status.facilities[key]).length / STATIONS.length, detail: `三站 ${STATIONS.filter((key) => status.facilities[key]).length}/3` },
        supervision: supervisionPart(supervision),
      }
    : {
        facilities: { value: null, detail: '无状态记录' },
        environment: { value: null, detail: '无状态记录' },
        safety: { value: null, detail: '无状态记录' },
        services: { value: null, detail: '无状态记录' },
        supervision: supervisionPart(supervision),
      };
  const parts = (Object.keys(RUBRIC_LABELS) as RubricKey[]).map((key): RubricPart => {
    const weight = config.scoring[key];
    const { value, detail } = values[key];
    return { key, label: RUBRIC_LABELS[key], weight, value: value === null ? null : Math.round(value * 1000) / 1000, points: value === null ? null : Math.round(weight * value * 10) / 10, detail };
  });
  let weights = 0;
  let points = 0;
  for (const part of parts) {
    if (part.points === null) continue;
    weights += part.weight;
    points += part.points;
  }
  const score = status === null || weights === 0 ? null : Math.round((points / weights) * 1000) / 10;
  return { score, parts };
}

function supervisionPart(record: SupervisionRecord): { value: number | null; detail: string } {
  if (record.inspections === 0) return { value: null, detail: '尚无检查' };
  if (record.found === 0) return { value: 1, detail: '检查未发现问题' };
  return { value: Math.min(1, record.rectified / record.found), detail: `已整改 ${record.rectified}/${record.found} 个问题` };
}
