#pragma once

// Sends Twilio's requests: form-encoded, signed over the public URL as Twilio signs them, sent to the
// server's real address, with a time limit and a size limit on the answer.

#include "core/simulator/HttpExchange.h"
#include "core/simulator/SimulatorSettings.h"

#include <QObject>

#include <functional>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace Simulator {

class WebhookClient : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 maxAnswerSize = 1024 * 1024; // TwimlReader refuses more anyway

    explicit WebhookClient(const SimulatorSettings &settings, QObject *parent = nullptr);

    // publicBaseUrl, or the server's URL when none was set; no trailing '/'.
    const QString &publicBase() const { return m_publicBase; }

    // The URL Twilio requests for target: publicBase + target for a path, target itself when absolute,
    // else target resolved against document (the public URL of the TwiML that named it), as a browser
    // would. This is what the signature covers.
    QString publicUrl(const QString &target, const QString &document = {}) const;
    // Where a request for publicUrl really goes: the server's URL in place of the public base, so that
    // a tunnel is not needed. URLs elsewhere are requested as they are, as Twilio would.
    QUrl requestUrl(const QString &publicUrl) const;

    // POST (or GET, parameters in the query) to publicUrl. done runs exactly once, unless context is
    // destroyed first.
    void send(const QString &method, const QString &publicUrl, const Webhook::FormParameters &parameters,
              QObject *context, const std::function<void(const HttpExchange &)> &done);

private:
    void finish(QNetworkReply *reply, HttpExchange exchange,
                const std::function<void(const HttpExchange &)> &done);

    SimulatorSettings m_settings;
    QString m_publicBase;
    QNetworkAccessManager *m_network;
};

} // namespace Simulator
