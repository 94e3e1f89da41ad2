/**
 * The protocol's rule for messages that come before `initialize`: a request gets the error ServerNotInitialized
 * (-32002), a notification is dropped, except `exit`. The protocol library answers them as if the server were
 * ready, so the reader is wrapped: what is not yet allowed never reaches the server.
 */
import type { DataCallback, Disposable, Message, MessageReader, MessageWriter } from "vscode-languageserver";

/** ServerNotInitialized, the protocol's error code. */
export const SERVER_NOT_INITIALIZED = -32002;

/** `reader`, letting through only `initialize`, `exit` and responses until `initialize` has come. */
export function untilInitialized(reader: MessageReader, writer: MessageWriter): MessageReader {
  let initialized = false;
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen(callback: DataCallback): Disposable {
      return reader.listen((message: Message) => {
        const m = message as Message & { id?: number | string | null; method?: string };
        if (initialized || m.method === undefined || m.method === "exit") return callback(message);
        if (m.method === "initialize") {
          initialized = true;
          return callback(message);
        }
        // A request (it has an id) is answered; a notification is dropped.
        if (m.id !== undefined && m.id !== null)
          void writer
            .write({
              jsonrpc: "2.0",
              id: m.id,
              error: { code: SERVER_NOT_INITIALIZED, message: `${m.method} before initialize: send initialize first` },
            } as Message)
            .catch(() => {});
      });
    },
    dispose: () => reader.dispose(),
  };
}
