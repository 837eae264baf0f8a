/**
 * The customer journey stages in journey order, with the human labels the dashboard and reports
 * show. The ids and their order come from JOURNEY_STAGES in the contract.
 */
import { JOURNEY_STAGES, type JourneyStageId } from '../contract.js';

export const STAGE_LABELS: Readonly<Record<JourneyStageId, string>> = {
  awareness: 'Awareness',
  purchase: 'Purchase',
  onboarding: 'Onboarding',
  delivery: 'Delivery',
  product: 'Product use',
  support: 'Support',
  billing: 'Billing',
  renewal: 'Renewal & cancellation',
};

const ORDER: ReadonlyMap<string, number> = new Map(JOURNEY_STAGES.map((id, index) => [id, index]));

/** True for a known stage id (taxonomies and stored results carry plain strings). */
export function isJourneyStage(id: string): id is JourneyStageId {
  return ORDER.has(id);
}

/**
 * Position of a stage in the journey (awareness = 0 ... renewal = 7), so lists sort the way a
 * customer lives them; unknown ids sort last.
 * @example stageOrder('delivery') // 3
 */
export function stageOrder(id: string): number {
  return ORDER.get(id) ?? JOURNEY_STAGES.length;
}

/** Compares two stage ids by journey order (for Array.prototype.sort). */
export function compareStages(left: string, right: string): number {
  return stageOrder(left) - stageOrder(right);
}

/**
 * The human label of a stage; an unknown id is returned as is rather than throwing, so a
 * custom taxonomy's stage still renders.
 * @example stageLabel('renewal') // 'Renewal & cancellation'
 */
export function stageLabel(id: string): string {
  return isJourneyStage(id) ? STAGE_LABELS[id] : id;
}
