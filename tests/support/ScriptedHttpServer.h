#pragma once

// A one-connection-at-a-time HTTP/1.1 server for client tests: it answers each request with the next reply
// of its script (or leaves it unanswered, to time the client out), and keeps every request it got, so that
// a test can check what the client sent: method, path, headers and body.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

struct ScriptedReply
{
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // beyond Content-Length and Connection
    bool silent = false; // never answer: the client's timeout must end the request

    static ScriptedReply json(int status, const QByteArray &body)
    {
        return { status, body, { { "Content-Type", "application/json" } }, false };
    }
    static ScriptedReply hang() { return { 0, {}, {}, true }; }
};

struct ScriptedRequest
{
    QByteArray method;
    QByteArray target; // path and query
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

class ScriptedHttpServer : public QObject
{
public:
    ScriptedHttpServer()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
    }

    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl(const QString &host = QStringLiteral("127.0.0.1")) const
    {
        return QStringLiteral("http://%1:%2").arg(host).arg(port());
    }

    QList<ScriptedReply> script; // taken from the front; an empty script answers 500
    QList<ScriptedRequest> requests;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            ScriptedRequest request;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            request.method = requestLine.value(0);
            request.target = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length").toLongLong();
            if (buffer.size() < headerEnd + 4 + length)
                return;
            request.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            requests << request;
            answer(socket);
        }
    }

    void answer(QTcpSocket *socket)
    {
        const ScriptedReply reply
            = script.isEmpty() ? ScriptedReply { 500, "{}", {}, false } : script.takeFirst();
        if (reply.silent)
            return;
        QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
        for (const auto &[name, value] : reply.headers)
            response += name + ": " + value + "\r\n";
        response += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
        socket->write(response);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
