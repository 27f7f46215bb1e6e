#include "core/simulator/StatusCallbackSender.h"

#include "core/simulator/TwilioParameters.h"
#include "core/simulator/WebhookClient.h"
#include "core/webhook/CallStatus.h"

namespace Simulator {

StatusCallbackSender::StatusCallbackSender(WebhookClient *webhooks, const QString &url,
                                           const Webhook::FormParameters &call, QObject *parent)
    : QObject(parent)
    , m_webhooks(webhooks)
    , m_url(url)
    , m_call(call)
{ }

void StatusCallbackSender::send(const QString &status, int durationSeconds)
{
    if (m_url.isEmpty())
        return;
    if (!m_events.isEmpty()) {
        const auto parsed = Webhook::CallStatuses::parse(status);
        const QString event = !parsed                    ? status
            : *parsed == Webhook::CallStatus::InProgress ? QStringLiteral("answered")
            : Webhook::CallStatuses::isFinal(*parsed)    ? QStringLiteral("completed")
                                                         : status;
        if (!m_events.contains(event))
            return;
    }
    m_queue.append(TwilioParameters::statusCallback(m_call, status, m_sequence++, durationSeconds,
                                                    QDateTime::currentDateTimeUtc()));
    if (!m_busy)
        sendNext();
}

void StatusCallbackSender::sendNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        Q_EMIT idle();
        return;
    }
    m_busy = true;
    const Webhook::FormParameters parameters = m_queue.takeFirst();
    m_webhooks->send(QStringLiteral("POST"), m_url, parameters, this, [this](const HttpExchange &exchange) {
        Q_EMIT exchanged(exchange);
        const QString what
            = QStringLiteral("status callback CallStatus=%1 to %2")
                  .arg(exchange.parameters.value(QStringLiteral("CallStatus")), exchange.signedUrl);
        if (!exchange.error.isEmpty())
            Q_EMIT problem(QStringLiteral("%1 failed: %2").arg(what, exchange.error));
        else if (exchange.status != 200 && exchange.status != 204)
            Q_EMIT problem(QStringLiteral("%1 answered HTTP %2").arg(what, QString::number(exchange.status)));
        sendNext();
    });
}

} // namespace Simulator
