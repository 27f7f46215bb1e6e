#include "core/simulator/CallbackQueue.h"

#include "core/simulator/WebhookClient.h"

namespace Simulator {

CallbackQueue::CallbackQueue(WebhookClient *webhooks, QObject *parent)
    : QObject(parent)
    , m_webhooks(webhooks)
{ }

void CallbackQueue::post(const QString &url, const Webhook::FormParameters &parameters, const QString &what)
{
    m_queue.append({ url, parameters, what });
    if (!m_busy)
        sendNext();
}

void CallbackQueue::sendNext()
{
    if (m_queue.isEmpty()) {
        m_busy = false;
        Q_EMIT idle();
        return;
    }
    m_busy = true;
    const Callback callback = m_queue.takeFirst();
    m_webhooks->send(
        QStringLiteral("POST"), callback.url, callback.parameters, this,
        [this, what = callback.what](const HttpExchange &exchange) {
            Q_EMIT exchanged(exchange);
            const QString sent = QStringLiteral("%1 to %2").arg(what, exchange.signedUrl);
            if (!exchange.error.isEmpty())
                Q_EMIT problem(QStringLiteral("%1 failed: %2").arg(sent, exchange.error));
            else if (exchange.status != 200 && exchange.status != 204)
                Q_EMIT problem(
                    QStringLiteral("%1 answered HTTP %2").arg(sent, QString::number(exchange.status)));
            sendNext();
        });
}

} // namespace Simulator
