/** One thing that wants a person's attention (a new order, a new ticket…). */
export interface NotificationItem {
  type: string;
  title: string;
  url: string;
  created_at: string;
}

export interface NotificationSummary {
  count: number;
  items: NotificationItem[];
}

/** A feature that has something to announce contributes a source; the summary adds them up. */
export interface NotificationSource {
  pending(limit: number): Promise<NotificationSummary>;
}

export function createNotificationSummaryService({ sources }: { sources: NotificationSource[] }) {
  return {
    async summary(limit = 10): Promise<NotificationSummary> {
      const parts = await Promise.all(sources.map((source) => source.pending(limit)));
      const items = parts
        .flatMap((part) => part.items)
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
        .slice(0, limit);
      return { count: parts.reduce((sum, part) => sum + part.count, 0), items };
    },
  };
}

export type NotificationSummaryService = ReturnType<typeof createNotificationSummaryService>;
