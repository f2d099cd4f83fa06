#!/usr/bin/env python3
"""A counting HTTP proxy in front of Prometheus for bench/summaries/run.

Usage: count-proxy.py LISTEN_PORT UPSTREAM_PORT   (both on 127.0.0.1)

Every request is forwarded to the upstream on a connection of its own (sent as HTTP/1.0, so the answer ends where the
connection does: no chunked bodies to decode) and answered to the client with a Content-Length, keeping the client's
connection alive. A request is in flight from the moment its head was read until its answer was written; the proxy
keeps the total and the peak. GET /__bench/stats answers "total peak", GET /__bench/reset sets both to 0; neither is
counted nor forwarded.
"""
import asyncio
import sys

total = 0
in_flight = 0
peak = 0


async def read_head(reader):
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, target, _ = lines[0].split(" ", 2)
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:] if ":" in line]
    return method, target, headers


def answer(status, body, headers=()):
    head = [f"HTTP/1.1 {status}", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in headers]
    return ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body


async def forward(method, target, headers, body, upstream_port):
    reader, writer = await asyncio.open_connection("127.0.0.1", upstream_port)
    keep = [(n, v) for n, v in headers if n.lower() not in ("connection", "keep-alive", "proxy-connection")]
    request = [f"{method} {target} HTTP/1.0"] + [f"{n}: {v}" for n, v in keep] + ["Connection: close"]
    writer.write(("\r\n".join(request) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()
    response = await reader.read()
    writer.close()
    head, _, content = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = lines[0].split(" ", 1)[1]
    drop = ("connection", "keep-alive", "content-length", "transfer-encoding")
    kept = [tuple(p.strip() for p in line.split(":", 1)) for line in lines[1:] if ":" in line]
    return answer(status, content, [(n, v) for n, v in kept if n.lower() not in drop])


async def serve(reader, writer, upstream_port):
    global total, in_flight, peak
    try:
        while True:
            request = await read_head(reader)
            if request is None:
                break
            method, target, headers = request
            length = next((int(v) for n, v in headers if n.lower() == "content-length"), 0)
            body = await reader.readexactly(length) if length else b""
            if target == "/__bench/stats":
                writer.write(answer("200 OK", f"{total} {peak}\n".encode()))
            elif target == "/__bench/reset":
                total = peak = 0
                writer.write(answer("200 OK", b"reset\n"))
            else:
                total += 1
                in_flight += 1
                peak = max(peak, in_flight)
                try:
                    writer.write(await forward(method, target, headers, body, upstream_port))
                    await writer.drain()
                except (OSError, IndexError, ValueError) as e:
                    writer.write(answer("502 Bad Gateway", f"count-proxy: {e}\n".encode()))
                finally:
                    in_flight -= 1
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main():
    listen_port, upstream_port = int(sys.argv[1]), int(sys.argv[2])
    server = await asyncio.start_server(lambda r, w: serve(r, w, upstream_port), "127.0.0.1", listen_port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
