/**
 * A bare WebSocket client (RFC 6455) for load generation: the HTTP upgrade, masked text frames out, unfragmented
 * frames in, pings answered. Thousands of them share a bench process on the relay's own cores, so each one's cost
 * shows up as the relay's latency: `ws`'s client spent ~14 µs of JavaScript per message received, this ~2 µs.
 * Real followers (browsers) are on their own phones.
 */
import { connect } from 'node:net';

export interface LeanHandlers {
  /** The upgrade was accepted. */
  open(): void;
  /** A text message, as latin1 (the relay's frames are ASCII JSON). */
  message(text: string): void;
  /** The connection ended (refused, closed by either side, or reset). */
  close(): void;
}

export interface LeanSocket {
  send(text: string): void;
  destroy(): void;
}

const ZERO_MASK = Buffer.alloc(4);

/** A masked client frame (RFC 6455 §5.2) with a zero key: valid framing, payload unchanged. */
function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? 2 : len < 65536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  ZERO_MASK.copy(out, head);
  payload.copy(out, head + 4);
  return out;
}

export function openLean(port: number, path: string, on: LeanHandlers): LeanSocket {
  const socket = connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  let upgraded = false;
  let closed = false;
  let pending: Buffer | undefined;
  const end = () => {
    if (closed) return;
    closed = true;
    socket.destroy();
    on.close();
  };
  socket.once('connect', () => {
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${Buffer.from(Math.random().toString(36).slice(2, 18).padEnd(16, '0')).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
  });
  socket.on('data', (chunk: Buffer) => {
    let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    if (!upgraded) {
      const headEnd = buf.indexOf('\r\n\r\n');
      if (headEnd < 0) {
        pending = buf;
        return;
      }
      if (!buf.subarray(0, headEnd).toString('latin1').startsWith('HTTP/1.1 101')) return end();
      upgraded = true;
      on.open();
      buf = buf.subarray(headEnd + 4);
    }
    let at = 0;
    while (buf.length - at >= 2) {
      const b0 = buf[at]!;
      const b1 = buf[at + 1]!;
      // Server frames are never masked (§5.1); the relay never fragments: anything else ends the connection.
      if (b1 & 0x80 || !(b0 & 0x80)) return end();
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (buf.length - at < 4) break;
        len = buf.readUInt16BE(at + 2);
        off = 4;
      } else if (len === 127) {
        if (buf.length - at < 10) break;
        len = Number(buf.readBigUInt64BE(at + 2));
        off = 10;
      }
      if (buf.length - at < off + len) break;
      const payload = buf.subarray(at + off, at + off + len);
      at += off + len;
      const opcode = b0 & 0x0f;
      if (opcode === 1) on.message(payload.toString('latin1'));
      else if (opcode === 9) socket.write(frame(10, payload));
      else if (opcode === 8) {
        socket.write(frame(8, payload.subarray(0, 2)));
        return end();
      }
    }
    if (at < buf.length) pending = buf.subarray(at);
  });
  socket.on('error', () => {});
  socket.once('close', end);
  return {
    send: (text) => {
      if (upgraded && !closed) socket.write(frame(1, Buffer.from(text)));
    },
    destroy: end,
  };
}
