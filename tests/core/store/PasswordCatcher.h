#pragma once

// A stand-in PostgreSQL server on 127.0.0.1 for one connection: it turns down SSL and GSS encryption,
// asks for the password in clear text (protocol 3, AuthenticationCleartextPassword), keeps what the
// client sends and hangs up. Shows which password libpq chose, without a server that needs one.

#include <QByteArray>
#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

class PasswordCatcher
{
public:
    PasswordCatcher()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0
            || ::listen(m_listener, 1) != 0
            || ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            return;
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { serveOne(); });
    }

    ~PasswordCatcher()
    {
        ::shutdown(m_listener, SHUT_RDWR); // ends an accept() still waiting
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listener);
    }

    quint16 port() const { return m_port; }
    // Once the client has gone: what it sent as its password (null when it sent none).
    QByteArray password()
    {
        if (m_thread.joinable())
            m_thread.join();
        return m_password;
    }

private:
    static bool readExactly(int socket, char *data, size_t size)
    {
        while (size > 0) {
            const ssize_t got = ::recv(socket, data, size, 0);
            if (got <= 0)
                return false;
            data += got;
            size -= size_t(got);
        }
        return true;
    }

    static quint32 bigEndian(const char *data)
    {
        return (quint32(quint8(data[0])) << 24) | (quint32(quint8(data[1])) << 16)
            | (quint32(quint8(data[2])) << 8) | quint32(quint8(data[3]));
    }

    void serveOne()
    {
        const int client = ::accept(m_listener, nullptr, nullptr);
        if (client < 0)
            return;
        char header[8];
        // SSLRequest and GSSENCRequest come first, each answered 'N'; then the startup message.
        while (readExactly(client, header, 8)) {
            const quint32 length = bigEndian(header);
            const quint32 code = bigEndian(header + 4);
            if (length == 8 && (code == 80877103 || code == 80877104)) {
                ::send(client, "N", 1, MSG_NOSIGNAL);
                continue;
            }
            QByteArray rest(int(length) - 8, Qt::Uninitialized);
            if (length < 8 || length > 10000 || !readExactly(client, rest.data(), size_t(rest.size())))
                break;
            const char askForPassword[] = { 'R', 0, 0, 0, 8, 0, 0, 0, 3 };
            ::send(client, askForPassword, sizeof(askForPassword), MSG_NOSIGNAL);
            char type[5];
            if (!readExactly(client, type, 5) || type[0] != 'p')
                break;
            QByteArray message(int(bigEndian(type + 1)) - 4, Qt::Uninitialized);
            if (message.size() > 0 && readExactly(client, message.data(), size_t(message.size())))
                m_password = message.left(message.indexOf('\0'));
            break;
        }
        ::close(client);
    }

    int m_listener = -1;
    quint16 m_port = 0;
    std::thread m_thread;
    QByteArray m_password;
};
