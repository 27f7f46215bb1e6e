#include "core/server/RequestStreamChecker.h"

namespace Server {
namespace {

using Violation = RequestStreamChecker::Violation;

// Above this many digits a Content-Length cannot be a real body, and qint64 could overflow.
constexpr qsizetype maxContentLengthDigits = 18;

// What RFC 9110 allows in a request head besides the line breaks: visible ASCII, space, tab and
// obs-text. Anything else (NUL, DEL, other controls) only ever comes from broken or hostile clients.
bool isHeadByte(uchar c)
{
    return c == '\t' || c == '\r' || (c >= 0x20 && c != 0x7f);
}

// RFC 9110 tchar: what a method or a header name is made of.
bool isTokenByte(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(char(c));
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenByte(uchar(c)))
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// Trims optional whitespace (SP and HTAB only, as RFC 9110 defines OWS).
QByteArrayView trimOws(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

Violation badRequest(const QString &reason)
{
    return { 400, reason };
}

} // namespace

RequestStreamChecker::RequestStreamChecker(const HttpLimits &limits)
    : m_limits(limits)
{ }

std::optional<Violation> RequestStreamChecker::feed(QByteArrayView bytes)
{
    qsizetype i = 0;
    while (i < bytes.size()) {
        if (m_bodyRemaining > 0) {
            const qsizetype taken = qsizetype(qMin<qint64>(m_bodyRemaining, bytes.size() - i));
            skipBody(taken);
            i += taken;
            continue;
        }

        // Head bytes are checked as they come, not when the head is complete: a line QHttpServer would
        // already act on must never pass here unchecked.
        qsizetype end = i;
        while (end < bytes.size() && bytes[end] != '\n') {
            if (!isHeadByte(uchar(bytes[end])))
                return badRequest(QStringLiteral("control character in the request head"));
            ++end;
        }
        const bool lineComplete = end < bytes.size();
        if (lineComplete)
            ++end;
        // Blank lines before a request count too: QHttpServer keeps them buffered until that request is
        // complete, so endless ones would be endless memory.
        if (m_blankLineBytes + m_head.size() + (end - i) > m_limits.maxHeaderBytes)
            return Violation {
                431, QStringLiteral("the request head is larger than %1 bytes").arg(m_limits.maxHeaderBytes)
            };
        m_head.append(bytes.data() + i, end - i);
        m_offset += end - i;
        i = end;
        if (!lineComplete)
            break;

        const QByteArrayView line = QByteArrayView(m_head).sliced(m_lineStart);
        m_lineStart = m_head.size();
        if (auto violation = checkLine(line))
            return violation;
    }
    return std::nullopt;
}

void RequestStreamChecker::skipBody(qint64 bytes)
{
    Q_ASSERT(bytes <= m_bodyRemaining);
    if (bytes <= 0)
        return;
    m_bodyRemaining -= bytes;
    m_offset += bytes;
    if (m_bodyRemaining == 0) {
        ++m_completed;
        m_requestEnds.push_back(m_offset);
    }
}

bool RequestStreamChecker::endsRequestAt(qint64 offset)
{
    while (!m_requestEnds.empty() && m_requestEnds.front() < offset)
        m_requestEnds.pop_front();
    return offset == 0 || (!m_requestEnds.empty() && m_requestEnds.front() == offset);
}

std::optional<Violation> RequestStreamChecker::checkLine(QByteArrayView line)
{
    // QHttpServer also ends lines at a bare LF; accepting one here would let the two of us disagree
    // about where a head ends.
    if (!line.endsWith("\r\n"))
        return badRequest(QStringLiteral("a line of the request head does not end in CRLF"));
    line.chop(2);
    if (line.contains('\r'))
        return badRequest(QStringLiteral("stray carriage return in the request head"));

    if (m_lines == 0 && line.isEmpty()) {
        // Blank lines before a request are tolerated (RFC 9112 section 2.2); some clients send one
        // after a POST body.
        m_blankLineBytes += m_head.size();
        m_head.clear();
        m_lineStart = 0;
        return std::nullopt;
    }
    ++m_lines;
    if (m_lines == 1)
        return checkRequestLine(line);
    if (line.isEmpty())
        return finishHead();
    return checkHeaderField(line);
}

std::optional<Violation> RequestStreamChecker::checkRequestLine(QByteArrayView line) const
{
    // method SP request-target SP HTTP-version, with exactly one space each (RFC 9112 section 3).
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return badRequest(QStringLiteral("malformed request line"));
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);

    if (!isToken(method) || target.isEmpty() || (version != "HTTP/1.1" && version != "HTTP/1.0"))
        return badRequest(QStringLiteral("malformed request line"));
    for (const char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return badRequest(QStringLiteral("malformed request line"));
    }
    // CONNECT, TRACE and inventions reach no route of ours; refusing them here also spares routes
    // without a method filter, which QHttpServer 6.4 lets every method through.
    static const QByteArrayView methods[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH" };
    for (const QByteArrayView known : methods) {
        if (method == known)
            return std::nullopt;
    }
    return Violation { 501, QStringLiteral("the request method is not supported") };
}

std::optional<Violation> RequestStreamChecker::checkHeaderField(QByteArrayView line)
{
    if (m_lines - 1 > m_limits.maxHeaderFields)
        return Violation {
            431, QStringLiteral("the request has more than %1 header fields").arg(m_limits.maxHeaderFields)
        };
    // Obsolete line folding (RFC 9112 section 5.2) and "Name : value" are both refused: they are how
    // one parser's header becomes another parser's garbage.
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return badRequest(QStringLiteral("malformed header field"));

    const QByteArrayView name = line.first(colon);
    if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
        ++m_contentLengths;
        m_contentLength = trimOws(line.sliced(colon + 1)).toByteArray();
    } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
        m_transferEncoding = true;
    }
    return std::nullopt;
}

std::optional<Violation> RequestStreamChecker::finishHead()
{
    // Transfer-Encoding is refused whatever it names. Alone it gets 411 Length Required, which tells
    // an honest client exactly what to do instead: our routes (Twilio's form posts, token requests)
    // never need a chunked body, and a Content-Length lets the body cap be enforced before any of the
    // body is buffered. Together with Content-Length it is the classic request-smuggling shape, which
    // RFC 9112 section 6.3 says to treat as an error: 400.
    if (m_transferEncoding) {
        if (m_contentLengths > 0)
            return badRequest(QStringLiteral("the request has both Transfer-Encoding and Content-Length"));
        return Violation { 411, QStringLiteral("Transfer-Encoding is not accepted; send Content-Length") };
    }
    // Even two equal values are refused: QHttpServer reads only the first, a proxy in front of us might
    // read the last, and a request that says its length twice has no honest reason to.
    if (m_contentLengths > 1)
        return badRequest(QStringLiteral("the request has more than one Content-Length"));

    qint64 length = 0;
    if (m_contentLengths == 1) {
        if (!isDigits(m_contentLength))
            return badRequest(QStringLiteral("Content-Length is not a plain decimal number"));
        if (m_contentLength.size() > maxContentLengthDigits)
            return badRequest(QStringLiteral("Content-Length is out of range"));
        length = m_contentLength.toLongLong();
        if (length > m_limits.maxBodyBytes)
            return Violation {
                413, QStringLiteral("the request body is larger than %1 bytes").arg(m_limits.maxBodyBytes)
            };
    }

    startNextHead();
    m_bodyRemaining = length;
    if (length == 0) {
        ++m_completed;
        m_requestEnds.push_back(m_offset);
    }
    return std::nullopt;
}

void RequestStreamChecker::startNextHead()
{
    m_blankLineBytes = 0;
    m_head.clear();
    m_lineStart = 0;
    m_lines = 0;
    m_contentLengths = 0;
    m_contentLength.clear();
    m_transferEncoding = false;
}

} // namespace Server
