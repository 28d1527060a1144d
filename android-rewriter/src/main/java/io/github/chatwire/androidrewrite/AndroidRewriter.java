package io.github.chatwire.androidrewrite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites one class file so that it calls only methods Android API 26 has, keeping its behaviour:
 *
 * <ul>
 *   <li>the Java 9 covariant overrides of {@code java.nio.Buffer} ({@code ByteBuffer flip()},
 *       {@code position(int)}, {@code limit(int)}, {@code mark()}, {@code reset()}, {@code
 *       clear()}, {@code rewind()}; same for the other buffer types), which Android does not have
 *       (a call fails with NoSuchMethodError), become the {@code Buffer} method followed by a cast
 *       back to the receiver's type: the same method runs, only its declared return type differs;
 *   <li>Java 9-11 methods of {@code String}, {@code Optional*} and {@code Duration} that API 26
 *       lacks become static calls into {@link
 *       io.github.chatwire.androidrewrite.shim.Java11Methods}, which the rewritten artifact
 *       carries;
 *   <li>optional guards: before each call to a given method, a call to a given static no-argument
 *       method (which may throw), for paths that need a class some Android versions lack.
 * </ul>
 *
 * <p>A reference it cannot rewrite safely (a method handle to one of those methods, or a call with
 * an unexpected opcode) fails the rewrite with IllegalStateException rather than being left in
 * place. Stack sizes and stack map frames stay valid: each replacement leaves the same value types
 * on the operand stack.
 *
 * <p>Not thread-safe (it counts what it rewrote); use one instance per thread.
 */
public final class AndroidRewriter {
  /** Internal name of the class with the Java 9-11 replacements. */
  public static final String SHIM = "io/github/chatwire/androidrewrite/shim/Java11Methods";

  private static final Set<String> BUFFERS =
      Set.of(
          "java/nio/ByteBuffer",
          "java/nio/MappedByteBuffer",
          "java/nio/CharBuffer",
          "java/nio/ShortBuffer",
          "java/nio/IntBuffer",
          "java/nio/LongBuffer",
          "java/nio/FloatBuffer",
          "java/nio/DoubleBuffer");

  /** Buffer method name and argument descriptor, for the covariant overrides. */
  private static final Map<String, String> BUFFER_METHODS =
      Map.of(
          "position", "(I)",
          "limit", "(I)",
          "mark", "()",
          "reset", "()",
          "clear", "()",
          "flip", "()",
          "rewind", "()");

  /** "owner.name+descriptor" of an instance method to the name of its static shim. */
  private static final Map<String, String> SHIMMED = shimmed();

  private final Map<String, String> guards;
  private final Map<String, Integer> counts = new TreeMap<>();

  /**
   * A rewriter with guards.
   *
   * @param guards "owner.name" of a method (internal names, any descriptor) to "owner.name" of a
   *     public static no-argument void method to call before each call to it; never null, may be
   *     empty
   */
  public AndroidRewriter(Map<String, String> guards) {
    this.guards = Map.copyOf(Objects.requireNonNull(guards, "guards"));
  }

  private static Map<String, String> shimmed() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("java/lang/String.isBlank()Z", "isBlank");
    m.put("java/lang/String.repeat(I)Ljava/lang/String;", "repeat");
    m.put("java/lang/String.strip()Ljava/lang/String;", "strip");
    m.put("java/lang/String.stripLeading()Ljava/lang/String;", "stripLeading");
    m.put("java/lang/String.stripTrailing()Ljava/lang/String;", "stripTrailing");
    m.put("java/util/Optional.isEmpty()Z", "isEmpty");
    m.put("java/util/Optional.orElseThrow()Ljava/lang/Object;", "orElseThrow");
    m.put(
        "java/util/Optional.ifPresentOrElse(Ljava/util/function/Consumer;Ljava/lang/Runnable;)V",
        "ifPresentOrElse");
    m.put("java/util/OptionalInt.isEmpty()Z", "isEmpty");
    m.put("java/util/OptionalInt.orElseThrow()I", "orElseThrow");
    m.put("java/util/OptionalLong.isEmpty()Z", "isEmpty");
    m.put("java/util/OptionalLong.orElseThrow()J", "orElseThrow");
    m.put("java/util/OptionalDouble.isEmpty()Z", "isEmpty");
    m.put("java/util/OptionalDouble.orElseThrow()D", "orElseThrow");
    m.put("java/time/Duration.toSeconds()J", "toSeconds");
    return Collections.unmodifiableMap(m);
  }

  /**
   * How many references of each kind were rewritten so far.
   *
   * @return "owner.name+descriptor" of each rewritten (or guarded) method to its count; a copy
   */
  public Map<String, Integer> counts() {
    return new TreeMap<>(counts);
  }

  /**
   * Rewrites one class file.
   *
   * @param classFile the class file's bytes, never null
   * @return the rewritten class file (equal content if nothing needed rewriting)
   * @throws IllegalStateException if the class refers to a method to rewrite in a way this rewriter
   *     cannot rewrite (a method handle, invokespecial)
   */
  public byte[] rewrite(byte[] classFile) {
    ClassReader reader = new ClassReader(Objects.requireNonNull(classFile, "classFile"));
    ClassWriter writer = new ClassWriter(reader, 0);
    String className = reader.getClassName();
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
            return new Rewriting(mv, className + "." + name + desc);
          }
        },
        0);
    return writer.toByteArray();
  }

  private void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  /** The covariant Buffer override this call is, or null. */
  private static String bufferOverride(String owner, String name, String desc) {
    String args = BUFFER_METHODS.get(name);
    return BUFFERS.contains(owner) && args != null && desc.equals(args + "L" + owner + ";")
        ? args
        : null;
  }

  private boolean needsRewrite(String owner, String name, String desc) {
    return bufferOverride(owner, name, desc) != null
        || SHIMMED.containsKey(owner + "." + name + desc);
  }

  private final class Rewriting extends MethodVisitor {
    private final String where;

    Rewriting(MethodVisitor mv, String where) {
      super(Opcodes.ASM9, mv);
      this.where = where;
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String desc, boolean isInterface) {
      String guard = guards.get(owner + "." + name);
      if (guard != null) {
        int dot = guard.lastIndexOf('.');
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC, guard.substring(0, dot), guard.substring(dot + 1), "()V", false);
        count(owner + "." + name + desc + " guarded by " + guard);
      }
      if (!needsRewrite(owner, name, desc)) {
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        return;
      }
      if (opcode != Opcodes.INVOKEVIRTUAL) {
        throw new IllegalStateException(
            "cannot rewrite opcode "
                + opcode
                + " to "
                + owner
                + "."
                + name
                + desc
                + " in "
                + where);
      }
      String key = owner + "." + name + desc;
      String args = bufferOverride(owner, name, desc);
      if (args != null) {
        super.visitMethodInsn(
            Opcodes.INVOKEVIRTUAL, "java/nio/Buffer", name, args + "Ljava/nio/Buffer;", false);
        super.visitTypeInsn(Opcodes.CHECKCAST, owner);
      } else {
        String staticDesc = "(L" + owner + ";" + desc.substring(1);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, SHIM, SHIMMED.get(key), staticDesc, false);
      }
      count(key);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String desc, Handle bootstrap, Object... bootstrapArgs) {
      check(bootstrap);
      for (Object arg : bootstrapArgs) {
        check(arg);
      }
      super.visitInvokeDynamicInsn(name, desc, bootstrap, bootstrapArgs);
    }

    @Override
    public void visitLdcInsn(Object value) {
      check(value);
      super.visitLdcInsn(value);
    }

    private void check(Object value) {
      if (value instanceof Handle) {
        Handle h = (Handle) value;
        if (needsRewrite(h.getOwner(), h.getName(), h.getDesc())
            || guards.containsKey(h.getOwner() + "." + h.getName())) {
          throw new IllegalStateException(
              "cannot rewrite a method handle to "
                  + h.getOwner()
                  + "."
                  + h.getName()
                  + h.getDesc()
                  + " in "
                  + where);
        }
      }
    }
  }

  /**
   * The instance methods this rewriter replaces with static shims.
   *
   * @return "owner.name+descriptor" to the shim method's name; unmodifiable
   */
  public static Map<String, String> shimmedMethods() {
    return SHIMMED;
  }

  /**
   * The methods a class file calls, in the order of its methods and instructions (what a rewrite
   * left behind can be checked with it).
   *
   * @param classFile the class file's bytes, never null
   * @return "owner.name+descriptor" of each method instruction; a new list
   */
  public static List<String> calls(byte[] classFile) {
    List<String> calls = new ArrayList<>();
    new ClassReader(Objects.requireNonNull(classFile, "classFile"))
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitMethodInsn(
                      int opcode, String owner, String n, String d, boolean itf) {
                    calls.add(owner + "." + n + d);
                  }
                };
              }
            },
            0);
    return calls;
  }

  /**
   * Parses guard arguments of the form {@code owner.name=guardOwner.guardName} (internal names).
   *
   * @param specs the arguments, never null
   * @return the guard map for {@link #AndroidRewriter(Map)}
   * @throws IllegalArgumentException if one is malformed
   */
  public static Map<String, String> parseGuards(Iterable<String> specs) {
    Map<String, String> m = new HashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || spec.indexOf('.') > eq || spec.lastIndexOf('.') < eq) {
        throw new IllegalArgumentException(
            "guard must be owner.name=guardOwner.guardName: " + spec);
      }
      m.put(spec.substring(0, eq), spec.substring(eq + 1));
    }
    return m;
  }
}
