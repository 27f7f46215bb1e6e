#pragma once

// Follows the bytes a client sends on one connection, request after request, and says when they
// break HttpLimits or HTTP/1.1's framing rules.

#include "core/server/HttpLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <deque>
#include <optional>

namespace Server {

class RequestStreamChecker
{
public:
    struct Violation
    {
        int status; // the HTTP status to answer with
        QString reason; // a fixed sentence: never quotes the request, so it is safe to log and count
    };

    explicit RequestStreamChecker(const HttpLimits &limits);

    // Takes the next bytes of the stream; every byte exactly once, in order. Returns the first rule they
    // break; after a violation the connection is finished and the checker must not be fed again.
    // It is stricter than QHttpServer's parser on purpose: whatever passes here frames the same way
    // there (CRLF only, one plain Content-Length, no Transfer-Encoding), so no request can hide in
    // another's body.
    std::optional<Violation> feed(QByteArrayView bytes);

    // Body bytes of the current request still to come; they need no inspection.
    qint64 pendingBodyBytes() const { return m_bodyRemaining; }
    // Takes bytes that are all body (at most pendingBodyBytes()) without looking at them.
    void skipBody(qint64 bytes);
    // Between requests: nothing of a next request has arrived yet.
    bool isIdle() const { return m_bodyRemaining == 0 && m_head.isEmpty(); }
    // Requests whose head and body have arrived in full.
    int completedRequests() const { return m_completed; }
    // Whether offset (bytes from the start of the stream) is where the stream began or a request ended:
    // where a reader that takes one whole request at a time stops. Offsets must not go down from call to
    // call; ends before offset are forgotten.
    bool endsRequestAt(qint64 offset);

private:
    std::optional<Violation> checkLine(QByteArrayView line);
    std::optional<Violation> checkRequestLine(QByteArrayView line) const;
    std::optional<Violation> checkHeaderField(QByteArrayView line);
    std::optional<Violation> finishHead();
    void startNextHead();

    HttpLimits m_limits;
    QByteArray m_head; // the current request's head so far, never longer than maxHeaderBytes
    qsizetype m_blankLineBytes = 0; // blank lines received before it
    qsizetype m_lineStart = 0; // where the line being received begins in m_head
    int m_lines = 0; // complete lines of the current head
    int m_contentLengths = 0;
    QByteArray m_contentLength;
    bool m_transferEncoding = false;
    qint64 m_bodyRemaining = 0;
    int m_completed = 0;
    qint64 m_offset = 0; // bytes taken so far
    std::deque<qint64> m_requestEnds; // offsets where requests ended, not yet asked about
};

} // namespace Server
