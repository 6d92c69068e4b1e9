/** A binary min-heap of (priority, value) pairs with a deterministic order for equal priorities (lower value first). */
export class MinHeap {
  private readonly priorities: number[] = [];
  private readonly values: number[] = [];

  get size(): number {
    return this.values.length;
  }

  push(priority: number, value: number): void {
    const { priorities, values } = this;
    let i = values.length;
    priorities.push(priority);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(priority, value, priorities[parent]!, values[parent]!)) break;
      priorities[i] = priorities[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    priorities[i] = priority;
    values[i] = value;
  }

  /** Priority of the smallest entry (undefined when empty). */
  peekPriority(): number | undefined {
    return this.priorities[0];
  }

  /** Removes and returns the value of the smallest entry (undefined when empty). */
  pop(): number | undefined {
    const { priorities, values } = this;
    if (values.length === 0) return undefined;
    const top = values[0];
    const lastPriority = priorities.pop()!;
    const lastValue = values.pop()!;
    const n = values.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        const child = right < n && this.less(priorities[right]!, values[right]!, priorities[left]!, values[left]!) ? right : left;
        if (!this.less(priorities[child]!, values[child]!, lastPriority, lastValue)) break;
        priorities[i] = priorities[child]!;
        values[i] = values[child]!;
        i = child;
      }
      priorities[i] = lastPriority;
      values[i] = lastValue;
    }
    return top;
  }

  private less(pa: number, va: number, pb: number, vb: number): boolean {
    return pa < pb || (pa === pb && va < vb);
  }
}
