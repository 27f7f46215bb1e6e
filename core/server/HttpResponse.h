#pragma once

// One HTTP response from a handler: status, content type, body, extra headers.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Server {

struct HttpResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonObject &object)
    {
        return { status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {} };
    }
    // The JSON error every non-TwiML route answers: {"success": false, "error": "..."}.
    static HttpResponse error(int status, const QString &message)
    {
        return json(status, { { QStringLiteral("success"), false }, { QStringLiteral("error"), message } });
    }
    static HttpResponse twiml(const QByteArray &document) { return { 200, "application/xml", document, {} }; }
    static HttpResponse methodNotAllowed(const QByteArray &allowed)
    {
        HttpResponse response = error(405, QStringLiteral("use %1 here").arg(QLatin1String(allowed)));
        response.headers.append(qMakePair(QByteArray("Allow"), allowed));
        return response;
    }
    static HttpResponse noContent() { return { 204, {}, {}, {} }; }
};

} // namespace Server
