/**
 * A fake analysis client for effect tests: it implements the client's interface (no worker, no
 * session) and records every request; the test answers (or fails) them one by one, in any order,
 * so races such as a late answer for an outdated plan can be played out exactly.
 */
import type { AnalysisClient, RequestOptions } from '../../src/worker/client.ts';
import { AnalysisError } from '../../src/worker/messages.ts';
import type { MessageMap, RequestType } from '../../src/worker/protocol.ts';

export interface FakeRequest<T extends RequestType = RequestType> {
  type: T;
  payload: MessageMap[T][0];
  options: RequestOptions | undefined;
  answer(result: MessageMap[T][1]): Promise<void>;
  fail(message: string): Promise<void>;
}

export class FakeClient implements AnalysisClient {
  readonly mode = 'worker' as const;
  readonly crashes = 0;
  readonly requests: FakeRequest[] = [];

  request<T extends RequestType>(type: T, payload: MessageMap[T][0], options?: RequestOptions): Promise<MessageMap[T][1]> {
    return new Promise((resolve, reject) => {
      // Settling lets the effect's `then` run before the test goes on.
      const settled = () => new Promise<void>((done) => setTimeout(done, 0));
      const request: FakeRequest<T> = {
        type,
        payload,
        options,
        answer: (result) => (resolve(result), settled()),
        fail: (message) => (reject(new AnalysisError({ message })), settled()),
      };
      this.requests.push(request as unknown as FakeRequest);
    });
  }

  /** Requests of one type, oldest first. */
  of<T extends RequestType>(type: T): FakeRequest<T>[] {
    return this.requests.filter((request): request is FakeRequest<T> => request.type === type) as FakeRequest<T>[];
  }

  dispose(): void {}
}
