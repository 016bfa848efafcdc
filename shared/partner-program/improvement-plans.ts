/**
 * Improvement plans: opening one puts the dealer on `improvement_plan`; the `improvement-plans` schedule (daily)
 * judges each plan the day after its deadline, on the KPIs from the plan's start month to its deadline's month.
 * A met plan makes the dealer `active` again; a missed one proposes phase-out, which a channel admin decides.
 */
import { randomBytes } from 'node:crypto';
import { improvementPlans } from '../db/improvement-plan-repository.js';
import { SYSTEM_ACTOR } from '../domain/caller.js';
import { StateConflict } from '../domain/errors.js';
import { monthRange } from '../domain/partner-kpis.js';
import { evaluatePlan, type GoalKpi, newPlan } from '../domain/performance.js';
import { logger } from '../observability/logger.js';
import { dealerKpis } from './scorecard.js';

export async function openPlan(args: {
  dealerId: string;
  input: {
    goals: { kpi: GoalKpi; target: number; direction?: 'at_least' | 'at_most' | undefined }[];
    deadline: string;
    note?: string | undefined;
  };
  actor: { role: string; id: string };
  now: Date;
}) {
  const plan = newPlan({
    id: `plan_${randomBytes(10).toString('hex')}`,
    dealerId: args.dealerId,
    goals: args.input.goals,
    deadline: args.input.deadline,
    note: args.input.note,
    actor: args.actor,
    now: args.now,
  });
  if (!(await improvementPlans.open(plan))) {
    throw new StateConflict('This dealer already has an open improvement plan; it must be judged first.');
  }
  return plan;
}

export interface PlanReport {
  due: number;
  met: number;
  missed: number;
}

export async function judgeDuePlans(at: Date): Promise<PlanReport> {
  const report: PlanReport = { due: 0, met: 0, missed: 0 };
  const due = await improvementPlans.due(at.toISOString().slice(0, 10));
  report.due = due.length;
  for (const plan of due) {
    try {
      const { kpis } = await dealerKpis(plan.dealerId, monthRange(plan.startMonth, plan.deadline.slice(0, 7)));
      const judged = evaluatePlan(plan, kpis, at, SYSTEM_ACTOR);
      if (await improvementPlans.settle(judged)) report[judged.status === 'met' ? 'met' : 'missed']++;
    } catch (error) {
      logger.error('Improvement plan not judged', { planId: plan.id, dealerId: plan.dealerId, error: error as Error });
    }
  }
  return report;
}
