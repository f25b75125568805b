#include "search/BuildPool.h"

#include <exception>
#include <string>
#include <utility>

namespace kring {

BuildPool::Run::Run(Run&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)) {}

BuildPool::Run::~Run() {
  if (pool_) pool_->Finish();
}

Result<BuiltDocuments> BuildPool::Run::Next() { return pool_->Next(); }

BuildPool::BuildPool(int helpers) {
  for (int i = 0; i < helpers; ++i) helpers_.emplace_back([this] { Help(); });
}

BuildPool::~BuildPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  for (std::thread& helper : helpers_) helper.join();
}

BuildPool::Run BuildPool::Start(size_t count, Build build) {
  {
    std::lock_guard lock(mutex_);
    build_ = std::move(build);
    count_ = count;
    claimed_ = 0;
    taken_ = 0;
    built_.clear();
    built_.resize(count);
  }
  changed_.notify_all();
  return Run(*this);
}

Result<BuiltDocuments> BuildPool::Call(const Build& build, DocumentBuilder& builder, size_t index) {
  try {
    return build(builder, index);
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("building documents failed: ") + e.what()};
  } catch (...) {
    return Error{ErrorCode::kInternal, "building documents failed with an unknown exception"};
  }
}

void BuildPool::Help() {
  DocumentBuilder builder;
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(
        lock, [&] { return stopping_ || (claimed_ < count_ && claimed_ < taken_ + kMaxAhead); });
    if (stopping_) return;
    const size_t index = claimed_++;
    ++building_;
    const Build& build = build_;  // stays set while building_ > 0 (see Finish)
    lock.unlock();
    Result<BuiltDocuments> built = Call(build, builder, index);
    lock.lock();
    built_[index] = std::move(built);
    --building_;
    changed_.notify_all();
  }
}

Result<BuiltDocuments> BuildPool::Next() {
  std::unique_lock lock(mutex_);
  const size_t index = taken_++;
  changed_.notify_all();  // helpers may go further ahead
  if (claimed_ <= index) {
    // No helper has started it: build it here rather than wait.
    claimed_ = index + 1;
    lock.unlock();
    return Call(build_, own_, index);
  }
  changed_.wait(lock, [&] { return built_[index].has_value(); });
  Result<BuiltDocuments> built = std::move(*built_[index]);
  built_[index].reset();
  return built;
}

void BuildPool::Finish() {
  std::unique_lock lock(mutex_);
  count_ = 0;  // no more claims
  changed_.wait(lock, [&] { return building_ == 0; });
  built_.clear();
  build_ = nullptr;
}

}  // namespace kring
