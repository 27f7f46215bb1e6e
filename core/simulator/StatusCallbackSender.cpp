#include "core/simulator/StatusCallbackSender.h"

#include "core/simulator/CallbackQueue.h"
#include "core/simulator/TwilioParameters.h"
#include "core/simulator/WebhookClient.h"
#include "core/webhook/CallStatus.h"

namespace Simulator {

StatusCallbackSender::StatusCallbackSender(WebhookClient *webhooks, const QString &url,
                                           const Webhook::FormParameters &call, QObject *parent)
    : QObject(parent)
    , m_queue(new CallbackQueue(webhooks, this))
    , m_url(url)
    , m_call(call)
{
    connect(m_queue, &CallbackQueue::exchanged, this, &StatusCallbackSender::exchanged);
    connect(m_queue, &CallbackQueue::problem, this, &StatusCallbackSender::problem);
    connect(m_queue, &CallbackQueue::idle, this, &StatusCallbackSender::idle);
}

bool StatusCallbackSender::isIdle() const
{
    return m_queue->isIdle();
}

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
    m_queue->post(m_url,
                  TwilioParameters::statusCallback(m_call, status, m_sequence++, durationSeconds,
                                                   QDateTime::currentDateTimeUtc()),
                  QStringLiteral("status callback CallStatus=") + status);
}

} // namespace Simulator
