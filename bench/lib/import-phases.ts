import { Client, Connection } from '@temporalio/client';

// Where a bulk import's time went, read from its workflow history: each activity from scheduled
// to completed (queue wait + run), and the time between activities (workflow task round trips).

export interface ImportPhase {
  /** Activity type, numbered when repeated (claimActivationPage#3). */
  name: string;
  /** Start, in ms after the workflow started. */
  atMs: number;
  ms: number;
}

export interface PhaseSummary {
  /** Workflow start to close. */
  workflowMs: number;
  /** Per activity type: count and summed time (scheduled → completed). */
  byActivity: Record<string, { count: number; ms: number }>;
  /** Workflow time not spent inside an activity (workflow tasks, dispatch). */
  betweenMs: number;
  phases: ImportPhase[];
}

function ms(time: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  if (!time) return 0;
  return Number(time.seconds ?? 0) * 1000 + (time.nanos ?? 0) / 1e6;
}

export async function importPhases(address: string, namespace: string, workflowId: string): Promise<PhaseSummary> {
  // Page payloads (participant ids) make the history larger than gRPC's default 4 MB message.
  const connection = await Connection.connect({ address, channelArgs: { 'grpc.max_receive_message_length': 512 * 1024 * 1024 } });
  try {
    const client = new Client({ connection, namespace });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const events = history.events ?? [];
    const start = ms(events[0]?.eventTime);
    const end = ms(events[events.length - 1]?.eventTime);
    const scheduled = new Map<string, { name: string; at: number }>();
    const seen: Record<string, number> = {};
    const phases: ImportPhase[] = [];
    for (const event of events) {
      const at = ms(event.eventTime);
      if (event.activityTaskScheduledEventAttributes) {
        const type = event.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
        seen[type] = (seen[type] ?? 0) + 1;
        scheduled.set(String(event.eventId), { name: seen[type] > 1 ? `${type}#${seen[type]}` : type, at });
      } else if (event.activityTaskCompletedEventAttributes) {
        const from = scheduled.get(String(event.activityTaskCompletedEventAttributes?.scheduledEventId));
        if (from) phases.push({ name: from.name, atMs: Math.round(from.at - start), ms: Math.round(at - from.at) });
      }
    }
    const byActivity: PhaseSummary['byActivity'] = {};
    for (const phase of phases) {
      const type = phase.name.replace(/#\d+$/, '');
      const entry = (byActivity[type] ??= { count: 0, ms: 0 });
      entry.count += 1;
      entry.ms += phase.ms;
    }
    const inside = phases.reduce((total, p) => total + p.ms, 0);
    return { workflowMs: Math.round(end - start), byActivity, betweenMs: Math.round(end - start - inside), phases };
  } finally {
    await connection.close();
  }
}
