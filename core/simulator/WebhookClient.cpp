#include "core/simulator/WebhookClient.h"

#include "core/simulator/SimulatorLogging.h"
#include "core/webhook/SignatureValidator.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Simulator {
namespace {

QString withoutTrailingSlash(QString url)
{
    while (url.endsWith(u'/'))
        url.chop(1);
    return url;
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host()
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
        == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

const char *tooLargeProperty = "switchboardTooLarge";

} // namespace

WebhookClient::WebhookClient(const SimulatorSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_publicBase(withoutTrailingSlash(settings.publicBaseUrl.isEmpty()
                                            ? settings.serverUrl.toString(QUrl::FullyEncoded)
                                            : settings.publicBaseUrl))
    , m_network(new QNetworkAccessManager(this))
{ }

QString WebhookClient::publicUrl(const QString &target, const QString &document) const
{
    const QUrl url(target);
    if (url.isValid() && !url.isRelative())
        return url.toString(QUrl::FullyEncoded);
    if (!document.isEmpty())
        return QUrl(document).resolved(url).toString(QUrl::FullyEncoded);
    return m_publicBase + (target.startsWith(u'/') ? target : QLatin1Char('/') + target);
}

QUrl WebhookClient::requestUrl(const QString &publicUrl) const
{
    const QString server = withoutTrailingSlash(m_settings.serverUrl.toString(QUrl::FullyEncoded));
    if (publicUrl == m_publicBase || publicUrl.startsWith(m_publicBase + QLatin1Char('/'))
        || publicUrl.startsWith(m_publicBase + QLatin1Char('?')))
        return QUrl(server + publicUrl.mid(m_publicBase.size()));
    // An action resolved against the host's root while the public base has a path: still our server.
    QUrl url(publicUrl);
    if (sameOrigin(url, QUrl(m_publicBase))) {
        QUrl local = m_settings.serverUrl;
        local.setPath(url.path());
        local.setQuery(url.query(QUrl::FullyEncoded));
        return local;
    }
    return url;
}

void WebhookClient::send(const QString &method, const QString &publicUrl,
                         const Webhook::FormParameters &parameters, QObject *context,
                         const std::function<void(const HttpExchange &)> &done)
{
    HttpExchange exchange;
    exchange.method
        = method.toUpper() == QLatin1String("GET") ? QStringLiteral("GET") : QStringLiteral("POST");
    exchange.parameters = parameters;
    const bool get = exchange.method == QLatin1String("GET");
    QByteArray body;
    if (get) {
        // Twilio signs a GET by its URL alone, query included.
        QUrl url(publicUrl);
        const QByteArray query = parameters.encode();
        if (!query.isEmpty()) {
            const QString existing = url.query(QUrl::FullyEncoded);
            url.setQuery(existing.isEmpty() ? QString::fromLatin1(query)
                                            : existing + QLatin1Char('&') + QString::fromLatin1(query));
        }
        exchange.signedUrl = url.toString(QUrl::FullyEncoded);
    } else {
        exchange.signedUrl = publicUrl;
        body = parameters.encode();
    }
    const QUrl target = requestUrl(exchange.signedUrl);
    exchange.url = target.toString(QUrl::FullyEncoded);
    if (!target.isValid()
        || (target.scheme() != QLatin1String("http") && target.scheme() != QLatin1String("https"))) {
        exchange.error = QStringLiteral("%1 is not an http or https URL").arg(exchange.signedUrl);
        // Asynchronous like every other answer, so that callers need no second path.
        QMetaObject::invokeMethod(
            context, [exchange, done] { done(exchange); }, Qt::QueuedConnection);
        return;
    }

    QNetworkRequest request(target);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("TwilioProxy/1.1"));
    request.setRawHeader(
        "X-Twilio-Signature",
        Webhook::SignatureValidator::computeSignature(m_settings.authToken, exchange.signedUrl,
                                                      get ? Webhook::FormParameters() : parameters));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_settings.requestTimeoutMs);
    QNetworkReply *reply;
    if (get) {
        reply = m_network->get(request);
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_network->post(request, body);
    }

    // A server that answers without end must not fill the memory: Twilio gives up as well.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64 total) {
        if (received > maxAnswerSize || total > maxAnswerSize) {
            reply->setProperty(tooLargeProperty, true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, context,
            [this, reply, exchange, done] { finish(reply, exchange, done); });
    // Also when context is gone and nobody waits for the answer.
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void WebhookClient::finish(QNetworkReply *reply, HttpExchange exchange,
                           const std::function<void(const HttpExchange &)> &done)
{
    exchange.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->property(tooLargeProperty).toBool()) {
        exchange.error = QStringLiteral("the answer is larger than %1 bytes").arg(maxAnswerSize);
    } else {
        if (reply->isOpen()) // not after a timeout
            exchange.body = reply->readAll();
        const auto error = reply->error();
        if (error == QNetworkReply::OperationCanceledError)
            exchange.error = QStringLiteral("no answer within %1 ms").arg(m_settings.requestTimeoutMs);
        else if (exchange.status == 0 && error != QNetworkReply::NoError)
            exchange.error = reply->errorString();
    }
    if (!exchange.error.isEmpty())
        qCInfo(lcSimulator).noquote() << exchange.method << exchange.url << "failed:" << exchange.error;
    done(exchange);
}

} // namespace Simulator
