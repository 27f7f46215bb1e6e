#pragma once

// A value or the reason there is none: how core/ reports failures without exceptions. A function returns
// either what it made or why it could not:
//
//     if (!found)
//         return Failure(QStringLiteral("no client is called %1").arg(name));
//     return client;
//
// and a Result<void> succeeds with `return {};`.
//
// Results are [[nodiscard]]: a caller handles the failure, passes it on, or discards it explicitly with a
// comment saying why that is right.

#include <QString>
#include <QtGlobal>

#include <optional>
#include <type_traits>
#include <utility>

// Why an operation failed: a sentence a person can act on. Converts to a failed Result of any type, so a
// function returns it like a value.
class [[nodiscard]] Failure
{
public:
    explicit Failure(QString message)
        : m_message(std::move(message))
    { }

    const QString &message() const & { return m_message; }
    QString message() && { return std::move(m_message); }

private:
    QString m_message;
};

template<typename T> class [[nodiscard]] Result
{
    static_assert(!std::is_same_v<std::decay_t<T>, Failure>, "a Result cannot hold a Failure as its value");

    template<typename U>
    static constexpr bool isValueArgument
        = std::conjunction_v<std::negation<std::is_same<std::decay_t<U>, Result>>,
                             std::negation<std::is_same<std::decay_t<U>, Failure>>,
                             std::is_constructible<T, U>>;

public:
    // Implicit both ways, so that `return value;` and `return Failure(...);` both read as what they are.
    template<typename U = T, std::enable_if_t<isValueArgument<U>, int> = 0>
    Result(U &&value)
        : m_value(std::in_place, std::forward<U>(value))
    { }
    Result(Failure failure)
        : m_error(std::move(failure).message())
    { }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }

    // Only after isOk(): reading the value of a failure is a bug in the caller.
    const T &value() const &
    {
        assertOk();
        return *m_value;
    }
    T &value() &
    {
        assertOk();
        return *m_value;
    }
    T &&value() &&
    {
        assertOk();
        return std::move(*m_value);
    }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    // Empty when isOk(); otherwise a sentence a person can act on.
    const QString &error() const { return m_error; }

private:
    void assertOk() const { Q_ASSERT_X(isOk(), "Result::value() of a failure", qPrintable(m_error)); }

    std::optional<T> m_value;
    QString m_error;
};

// Success with nothing to return (`return {};`), or the reason for failure.
template<> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Failure failure)
        : m_error(std::move(failure).message())
        , m_ok(false)
    { }

    bool isOk() const { return m_ok; }
    explicit operator bool() const { return m_ok; }
    const QString &error() const { return m_error; }

private:
    QString m_error;
    bool m_ok = true;
};
