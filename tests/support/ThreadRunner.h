#pragma once

// A QObject that runs functions in the thread it lives in, for tests that drive an object in another
// thread. Unlike a blocking queued invokeMethod(), the handover is one ThreadSanitizer can see (see
// Common::ThreadMailbox), so the TSan build reports no races that are not there.

#include "core/common/ThreadMailbox.h"

#include <QObject>

#include <functional>
#include <future>

class ThreadRunner : public QObject
{
public:
    explicit ThreadRunner(QObject *parent = nullptr)
        : QObject(parent)
    { }
    ~ThreadRunner() override { m_mailbox.close(); }

    // From another thread: runs task in this object's thread and returns once it has run. False when this
    // object is gone before it could run.
    bool runAndWait(const std::function<void()> &task)
    {
        std::promise<void> ran;
        std::future<void> done = ran.get_future();
        if (!m_mailbox.post([&task, &ran] {
                task();
                ran.set_value();
            }))
            return false;
        done.get();
        return true;
    }

protected:
    void customEvent(QEvent *event) override
    {
        if (!m_mailbox.deliver(event))
            QObject::customEvent(event);
    }

private:
    Common::ThreadMailbox m_mailbox { this };
};
