import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { CityTimeZone } from '../../../../domain/calendar.js';
import { DomainError } from '../../../../domain/errors.js';
import { cityDayClock } from '../../../../domain/local-clock.js';
import type { MouParty } from '../../../../domain/mou/mou-status.js';
import type { TaskQueues } from '../../../../workflows/contracts/task-queues.js';
import {
  MOU_LIFECYCLE_WORKFLOW,
  mouWorkflowId,
  type MouLifecycleInput,
  type MouLifecycleWorkflow,
  type MouProgress,
} from '../../../../workflows/mou-lifecycle/mou-lifecycle.messages.js';
import { envInt } from '../../../kit/src/config.js';
import { rethrowAsDomainError, startWorkflowOnce } from '../../../kit/src/temporal.js';
import type { MunicipalityEntity } from '../municipality/municipality.entity.js';
import type { MouEntity } from './mou.entity.js';

/**
 * Starts and steers MoU lifecycles (`mou/<id>`). Every step is sent as update-with-start, so an
 * MoU whose workflow was never started (a crash right after it was recorded) gets one built from
 * the read model; a lifecycle that is over is never started again.
 */
export class MouLifecycles {
  constructor(
    private readonly temporal: Client,
    private readonly queues: TaskQueues,
  ) {}

  /** The workflow input for an MoU as the read model has it. */
  async input(db: Pick<EntityManager, 'query'>, mou: MouEntity, city: MunicipalityEntity): Promise<MouLifecycleInput> {
    const signed = ((await db.query(`SELECT party FROM municipalities.mou_signature WHERE mou_id = $1 ORDER BY recorded_at`, [mou.id])) as { party: MouParty }[]).map(
      (r) => r.party,
    );
    const [successor] = (await db.query(`SELECT id FROM municipalities.mou WHERE predecessor_id = $1`, [mou.id])) as { id: string }[];
    return {
      mouId: mou.id,
      number: mou.number,
      settings: {
        clock: cityDayClock(city.timeZone as CityTimeZone),
        reminderOffsetsDays: mou.reminderOffsetsDays,
        escalationDaysBefore: mou.escalationDaysBefore,
        budgetCheckEveryDays: envInt('LINDUNG_MOU_BUDGET_CHECK_DAYS', 7),
        continueAsNewAfterEvents: envInt('LINDUNG_MOU_CONTINUE_AS_NEW_EVENTS', 2000),
      },
      state: {
        status: mou.status,
        signed,
        validFrom: mou.validFrom,
        validTo: mou.validTo,
        remindersSent: [],
        escalated: false,
        lastBudgetCheck: null,
        successorId: successor?.id ?? null,
        ended: mou.endedOn !== null,
      },
      queues: this.queues,
    };
  }

  async start(input: MouLifecycleInput): Promise<void> {
    await startWorkflowOnce<MouLifecycleWorkflow>(this.temporal, MOU_LIFECYCLE_WORKFLOW, {
      workflowId: mouWorkflowId(input.mouId),
      taskQueue: this.queues.lifecycle,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  }

  /** Sends one step and waits for the workflow's answer: the read model is written by then. */
  async send<A extends unknown[]>(input: MouLifecycleInput, update: UpdateDefinition<MouProgress, A>, ...args: A): Promise<MouProgress> {
    const start = new WithStartWorkflowOperation<MouLifecycleWorkflow>(MOU_LIFECYCLE_WORKFLOW, {
      workflowId: mouWorkflowId(input.mouId),
      taskQueue: this.queues.lifecycle,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
    try {
      return await this.temporal.workflow.executeUpdateWithStart(update, { args, startWorkflowOperation: start });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new DomainError('INVALID_TRANSITION', `The lifecycle of MoU ${input.number} is over; nothing more can be done to it.`, 'mouId');
      }
      return rethrowAsDomainError(error);
    }
  }
}
