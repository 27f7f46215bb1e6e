#pragma once

// A client that writes exact bytes and reads raw HTTP/1.1 responses, so that tests of the server can send
// what no HTTP library would (pipelined, malformed, never read) and see every byte of the answers.

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

// Bytes of a complete response at the start of buffer (head plus Content-Length body), or -1.
inline qsizetype completeResponseLength(const QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    qsizetype bodyLength = 0;
    for (const QByteArray &line : buffer.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            bodyLength = line.mid(15).trimmed().toLongLong();
    }
    const qsizetype total = headEnd + 4 + bodyLength;
    return buffer.size() >= total ? total : -1;
}

inline int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

inline QByteArray bodyOf(const QByteArray &response)
{
    return response.mid(response.indexOf("\r\n\r\n") + 4);
}

// The value of the response's first header of that name (case-insensitive), or a null array.
inline QByteArray headerOf(const QByteArray &response, const QByteArray &name)
{
    const QByteArray head = response.left(response.indexOf("\r\n\r\n"));
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// A client that writes exact bytes, so tests can send what no HTTP library would.
class RawClient
{
public:
    explicit RawClient(quint16 port) { m_socket.connectToHost(QHostAddress::LocalHost, port); }

    // A client whose receive buffers (the kernel's, set before connecting as TCP needs, and Qt's) are
    // small, so that a test of a client that does not read reaches the server's limits soon and surely.
    RawClient(quint16 port, int receiveBufferBytes)
    {
        const int descriptor = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        ::setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &receiveBufferBytes, sizeof receiveBufferBytes);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(descriptor, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
            || !m_socket.setSocketDescriptor(descriptor))
            ::close(descriptor);
        // Qt would otherwise read everything into memory as it arrives: not reading means not reading.
        m_socket.setReadBufferSize(receiveBufferBytes);
    }

    void send(const QByteArray &bytes)
    {
        // A socket still connecting keeps what it is given, but flush() would then write too early.
        (void)QTest::qWaitFor([this] { return !isConnecting(); }, 5000);
        m_socket.write(bytes);
        m_socket.flush();
    }

    // The next complete response, or an empty array if none came before the timeout or the close.
    QByteArray nextResponse(int timeoutMs = 5000)
    {
        (void)QTest::qWaitFor(
            [this] {
                drain();
                return completeResponseLength(m_buffer) > 0 || !isConnected();
            },
            timeoutMs);
        drain();
        const qsizetype length = completeResponseLength(m_buffer);
        if (length < 0)
            return {};
        const QByteArray response = m_buffer.left(length);
        m_buffer.remove(0, length);
        return response;
    }

    bool waitClosed(int timeoutMs = 5000)
    {
        return QTest::qWaitFor(
            [this] {
                drain();
                return !isConnected();
            },
            timeoutMs);
    }

    // Everything received and not yet taken by nextResponse().
    const QByteArray &received()
    {
        drain();
        return m_buffer;
    }

    // Everything received since the last call, taken out of the client: for counting a flood of answers
    // without keeping them.
    QByteArray takeReceived()
    {
        drain();
        return std::exchange(m_buffer, QByteArray());
    }

    // Bytes written to the socket that the kernel has not taken yet.
    qint64 bytesToWrite() const { return m_socket.bytesToWrite(); }
    // Lets the event loop push what is buffered without waiting for all of it (unlike send()).
    void write(const QByteArray &bytes) { m_socket.write(bytes); }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool isConnecting() const { return m_socket.state() == QAbstractSocket::ConnectingState; }
    void abort() { m_socket.abort(); }

private:
    void drain() { m_buffer += m_socket.readAll(); }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};
