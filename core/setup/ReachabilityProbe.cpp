#include "core/setup/ReachabilityProbe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUrlQuery>

namespace Setup {
namespace {

constexpr int timeoutMs = 10000;

QString newNonce()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return QString::fromLatin1(bytes.toHex());
}

QUrl healthUrl(const QUrl &base, const QString &name, const QString &nonce)
{
    QUrl url = base;
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + QStringLiteral("/healthz"));
    QUrlQuery query;
    query.addQueryItem(name, nonce);
    url.setQuery(query);
    return url;
}

} // namespace

ReachabilityProbe::ReachabilityProbe(QObject *parent)
    : QObject(parent)
{
    m_network.setTransferTimeout(timeoutMs);
}

void ReachabilityProbe::run(const QString &publicUrl, const QUrl &localUrl, const Done &done)
{
    const QString nonce = newNonce();
    QNetworkRequest request(healthUrl(QUrl(publicUrl), QStringLiteral("probe"), nonce));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, publicUrl, localUrl, nonce, done] {
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError
            && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0) {
            done({ false,
                   QStringLiteral("Twilio cannot reach %1: %2.").arg(publicUrl, reply->errorString()),
                   QStringLiteral(
                       "start the tunnel to %1 (for example 'ngrok http %2'), or correct the public URL.")
                       .arg(localUrl.toString())
                       .arg(localUrl.port()),
                   {} });
            return;
        }
        askLocal(publicUrl, localUrl, nonce, done);
    });
}

void ReachabilityProbe::askLocal(const QString &publicUrl, const QUrl &localUrl, const QString &nonce,
                                 const Done &done)
{
    QNetworkReply *reply = m_network.get(QNetworkRequest(healthUrl(localUrl, QStringLiteral("seen"), nonce)));
    connect(reply, &QNetworkReply::finished, this, [reply, publicUrl, localUrl, done] {
        reply->deleteLater();
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        if (reply->error() != QNetworkReply::NoError || !answer.contains(QLatin1String("seen"))) {
            done(
                { false,
                  QStringLiteral("This server (%1) does not answer: %2.")
                      .arg(localUrl.toString(), reply->errorString()),
                  QStringLiteral(
                      "start it (the desktop app, or the 'serve' command), or name the address it listens on "
                      "(--server), and check again."),
                  {} });
            return;
        }
        if (!answer.value(QLatin1String("seen")).toBool()) {
            done({ false,
                   QStringLiteral(
                       "%1 answers, but it is not this server: what was sent through it never arrived at "
                       "%2.")
                       .arg(publicUrl, localUrl.toString()),
                   QStringLiteral("point the tunnel at %1, or correct the public URL.")
                       .arg(localUrl.toString()),
                   {} });
            return;
        }
        done({ true,
               QStringLiteral("%1 leads to this server (%2).").arg(publicUrl, localUrl.toString()),
               {},
               {} });
    });
}

} // namespace Setup
