#pragma once

// The limits ConnectionGuard holds every client connection to before QHttpServer sees a byte of it.

#include <QtGlobal>

#include <chrono>

namespace Server {

struct HttpLimits
{
    // Request line, header fields and the blank line that ends them.
    qsizetype maxHeaderBytes = 16 * 1024;
    // QHttpServer 6.4 silently drops every header of a request that has more than 100 (or a field over
    // 100 KiB), Content-Length included; the guard never lets either limit go beyond that.
    int maxHeaderFields = 100;
    // Checked against Content-Length as soon as the head is in, before any of the body is buffered.
    // Twilio's webhook forms are a few KiB.
    qint64 maxBodyBytes = 64 * 1024;
    // How long a request may take from its first byte to its last, how long a keep-alive connection
    // may sit idle, and how long a client gets to take our error answer before we hang up on it.
    std::chrono::milliseconds timeout = std::chrono::seconds(10);
    // Connections beyond this are answered 503 and closed.
    int maxConnections = 256;
    // ...and beyond this many from one client address (one IPv6 /64), so that one client cannot hold
    // every slot with requests it never finishes.
    int maxConnectionsPerPeer = 32;
    // A connection is not read any further while this much of its answers is unsent (the client does not
    // read them) or this many of its requests are still being answered; it is read again once both have
    // drained, and closed if that takes longer than timeout. Without this, a client that pipelines
    // requests and never reads grows the server's memory without bound.
    qint64 maxUnsentBytes = 256 * 1024;
    int maxAnswersPending = 64;
};

} // namespace Server
