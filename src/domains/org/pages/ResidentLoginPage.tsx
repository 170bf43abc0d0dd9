import { Layout } from '../../../web/layout.tsx';
import { SignInForm, type SignInProps } from './SignInForm.tsx';

/** The residents' sign-in: large type, one short sentence per step, the way in for those without an account. */
export function ResidentLoginPage(props: SignInProps) {
  return (
    <Layout ctx={props.ctx} title="居民登录">
      <section class="card narrow resident-door">
        <h1>居民登录</h1>
        <p class="lead">登录后可以看到：只给本社区居民看的公示、您订阅的内容、您提的问题办到哪一步了。</p>
        <SignInForm {...props} action="/my/login" home="/my" usernameLabel="用户名（注册时自己设的）" buttonClass="button button-wide" />
        <h2>还没有账户？</h2>
        <p>
          向社区（村）工作人员要一个邀请码，然后 <a href="/register">用邀请码注册</a>。
        </p>
        <p class="muted">忘记密码，请到社区（村）服务站找工作人员帮忙。只看公开信息不用登录。</p>
        <p class="small muted">
          社区、街道工作人员请从 <a href="/login">工作人员登录</a> 进入。
        </p>
      </section>
    </Layout>
  );
}
