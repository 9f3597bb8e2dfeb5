// Provides std::ios_base_library_init() for hosts whose libstdc++ predates GCC 13.
//
// GCC 13 moved the iostream static initialiser into libstdc++ and has every
// object that includes <iostream> reference _ZSt21ios_base_library_initv at
// version GLIBCXX_3.4.32. libLibTorchSharp.so from TorchSharp 0.107.0 was built
// that way; on GCC 12 hosts (Debian 12) the symbol does not exist. This shim
// defines it with the behaviour it has in GCC 13: make sure the standard
// streams are constructed. fix-torchsharp-native.sh builds it with the host's
// g++ and links it into a patched copy of libLibTorchSharp.so.
#include <ios>

namespace std
{
    void ios_base_library_init()
    {
        static ios_base::Init init;
    }
}
